import { describe, expect, it } from 'vitest';
import type { RoundEvent, Settings } from '../bindings/types';
import { applyEvent, fraction, initialRun, MAX_LOG, plannedEngine, startedWhat, tokensLabel } from './run';

const fold = (events: RoundEvent[], s = initialRun(2)) => events.reduce(applyEvent, s);

describe('applyEvent', () => {
  it('follows a round from start to finish', () => {
    const s = fold([
      { type: 'RoundStarted', session_id: 2, session: 'memory_audit_002', round: 3, resumed: false },
      { type: 'RoleStarted', round: 3, role: 'analyst', engine: 'builtin', total: 10 },
      { type: 'RoleProgress', round: 3, role: 'analyst', done: 4, total: 10, current: 'a.rs', findings: 6 },
    ]);
    expect(s.round).toBe(3);
    expect(s.roles.analyst).toMatchObject({ status: 'running', done: 4, total: 10, current: 'a.rs' });
    expect(fraction(s.roles.analyst)).toBeCloseTo(0.4);
    expect(s.findings).toBe(6);
    const end = fold(
      [
        { type: 'RoleFinished', round: 3, role: 'analyst', duration_ms: 800, summary: '9 findings' },
        { type: 'RoleSkipped', round: 3, role: 'validator', reason: 'finished before the restart' },
        { type: 'Warned', round: 3, message: 'gen.rs skipped' },
        { type: 'RoundFinished', session_id: 2, round: 3, status: 'awaiting_decision', findings: 9, new: 4 },
      ],
      s,
    );
    expect(end.roles.analyst.status).toBe('finished');
    expect(fraction(end.roles.validator), 'a skipped role counts as done').toBe(1);
    expect(end.finished).toBe('awaiting_decision');
    expect(end.findings).toBe(9);
    expect(end.log.map((l) => l.level)).toEqual(['info', 'info', 'done', 'info', 'warn', 'done']);
  });
  it('ignores events of other sessions and rounds', () => {
    const s = fold([{ type: 'RoundStarted', session_id: 2, session: 'x', round: 3, resumed: false }]);
    const after = fold(
      [
        { type: 'RoundStarted', session_id: 9, session: 'other', round: 1, resumed: false },
        { type: 'RoleStarted', round: 1, role: 'analyst', engine: 'builtin', total: 5 },
        { type: 'RoundFinished', session_id: 9, round: 1, status: 'failed', findings: 0, new: 0 },
      ],
      s,
    );
    expect(after).toBe(s);
  });
  it('bounds the log', () => {
    let s = fold([{ type: 'RoundStarted', session_id: 2, session: 'x', round: 1, resumed: false }]);
    for (let i = 0; i < MAX_LOG + 50; i++) s = applyEvent(s, { type: 'Warned', round: 1, message: `w${i}` });
    expect(s.log.length).toBe(MAX_LOG);
    expect(s.log[s.log.length - 1].text).toBe(`w${MAX_LOG + 49}`);
  });
  it('follows the tokens an LLM role streams', () => {
    const progress = (done: number, current: string, tokens_out?: number): RoundEvent => ({
      type: 'RoleProgress', round: 1, role: 'validator', done, total: 4, current, findings: 0, ...(tokens_out === undefined ? {} : { tokens_out }),
    });
    let s = fold([
      { type: 'RoundStarted', session_id: 2, session: 'x', round: 1, resumed: false },
      { type: 'RoleStarted', round: 1, role: 'validator', engine: 'llm:claude-sonnet-4-5', total: 0 },
    ]);
    expect(s.roles.validator.tokensOut).toBeNull();
    expect(tokensLabel(s.roles.validator), 'nothing before the first token').toBe('');
    const seen: string[] = [];
    for (const e of [progress(0, 'F-001 +4 more', 12), progress(0, 'F-001 +4 more', 640), progress(1, 'F-006 +4 more', 1234)]) {
      s = applyEvent(s, e);
      seen.push(tokensLabel(s.roles.validator));
    }
    expect(seen).toEqual(['streaming… 12 tokens', 'streaming… 640 tokens', 'streaming… 1,234 tokens']);
    expect(s.roles.validator).toMatchObject({ status: 'running', done: 1, current: 'F-006 +4 more', tokensOut: 1234 });
    s = applyEvent(s, progress(2, 'LLM request 2 of 4'));
    expect(s.roles.validator.tokensOut, 'an event without the figure keeps the last one').toBe(1234);
    s = applyEvent(s, { type: 'RoleFinished', round: 1, role: 'validator', duration_ms: 9000, summary: '20 validated, 9 approved' });
    expect(tokensLabel(s.roles.validator), 'finished: the total, not streaming').toBe('1,234 tokens');
    s = applyEvent(s, { type: 'RoleStarted', round: 1, role: 'coordinator', engine: 'llm:claude-sonnet-4-5', total: 1 });
    s = applyEvent(s, { type: 'RoleProgress', round: 1, role: 'coordinator', done: 0, total: 1, current: 'synthesis', findings: 0, tokens_out: 1 });
    expect(tokensLabel(s.roles.coordinator)).toBe('streaming… 1 token');
    expect(s.roles.validator.tokensOut, 'roles keep their own figures').toBe(1234);
  });
  it('shows no token figure for built-in engines', () => {
    const s = fold([
      { type: 'RoundStarted', session_id: 2, session: 'x', round: 1, resumed: false },
      { type: 'RoleStarted', round: 1, role: 'analyst', engine: 'builtin', total: 10 },
      { type: 'RoleProgress', round: 1, role: 'analyst', done: 4, total: 10, current: 'a.rs', findings: 6 },
    ]);
    expect(s.roles.analyst.tokensOut).toBeNull();
    expect(tokensLabel(s.roles.analyst)).toBe('');
  });
});

describe('startedWhat', () => {
  it('names each role’s unit of work', () => {
    expect(startedWhat('analyst', 1204)).toBe(', 1,204 files');
    expect(startedWhat('analyst', 1)).toBe(', 1 file');
    expect(startedWhat('validator', 25)).toBe(', 25 findings');
    expect(startedWhat('coordinator', 1)).toBe('');
  });
});

describe('plannedEngine', () => {
  it('spells the engine as RoleStarted will', () => {
    const settings = { analyst_engine: 'builtin', validator_engine: 'llm', coordinator_engine: 'llm', model: 'm-1' } as unknown as Settings;
    expect(plannedEngine('analyst', settings)).toBe('builtin');
    expect(plannedEngine('validator', settings)).toBe('llm:m-1');
    expect(plannedEngine('coordinator', settings)).toBe('llm:m-1');
  });
});
