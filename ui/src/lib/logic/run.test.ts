import { describe, expect, it } from 'vitest';
import type { RoundEvent } from '../bindings/types';
import { applyEvent, fraction, initialRun, MAX_LOG } from './run';

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
});
