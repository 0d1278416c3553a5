import { describe, expect, it } from 'vitest';
import { initialTriage, triage, withCount, type KeyInput, type TriageAction, type TriageState } from './triage';

/** Feeds keys in order; returns the final state and every non-none action. */
function run(keys: (string | KeyInput)[], state: TriageState = initialTriage(10)): [TriageState, TriageAction[]] {
  const actions: TriageAction[] = [];
  for (const k of keys) {
    const [next, action] = triage(state, typeof k === 'string' ? { key: k } : k);
    state = next;
    if (action.type !== 'none') actions.push(action);
  }
  return [state, actions];
}

function check(keys: (string | KeyInput)[], expectedIndex: number, expectedActions: TriageAction[], state?: TriageState) {
  const [s, actions] = run(keys, state);
  expect(s.index, `index after ${JSON.stringify(keys)}`).toBe(expectedIndex);
  expect(actions, `actions after ${JSON.stringify(keys)}`).toEqual(expectedActions);
}

describe('triage reducer', () => {
  it('moves with j/k and arrows, clamped to the list', () => {
    check(['j', 'j', 'ArrowDown'], 3, [
      { type: 'select', index: 1 },
      { type: 'select', index: 2 },
      { type: 'select', index: 3 },
    ]);
    check(['k'], 0, []);
    check(['End', 'j'], 9, [{ type: 'select', index: 9 }]);
    check(['End', 'ArrowUp', 'Home'], 0, [
      { type: 'select', index: 9 },
      { type: 'select', index: 8 },
      { type: 'select', index: 0 },
    ]);
  });
  it('maps i/d/f/w to the four decisions', () => {
    check(['i', 'd', 'f', 'w'], 0, [
      { type: 'setKind', kind: 'implement' },
      { type: 'setKind', kind: 'defer' },
      { type: 'setKind', kind: 'reject_false_positive' },
      { type: 'setKind', kind: 'reject_wont_fix' },
    ]);
  });
  it('n focuses the note, Enter saves, / focuses search', () => {
    check(['n', 'Enter', '/'], 0, [{ type: 'focusNote' }, { type: 'save' }, { type: 'focusSearch' }]);
  });
  it('in a text field only Enter (save) and Escape (blur) act', () => {
    const f = (key: string, shift = false): KeyInput => ({ key, shift, inField: true });
    check([f('j'), f('i'), f('?'), f('Enter', true), f('Enter'), f('Escape')], 0, [{ type: 'save' }, { type: 'blur' }]);
  });
  it('g then a letter navigates; g then anything else is dropped', () => {
    check(['g', 'h'], 0, [{ type: 'navigate', to: 'home' }]);
    check(['g', 'r'], 0, [{ type: 'navigate', to: 'report' }]);
    check(['g', 'p'], 0, [{ type: 'navigate', to: 'profile' }]);
    const [s, actions] = run(['g', 'x', 'j']);
    expect(actions, 'x cancels the pending g; j then moves').toEqual([{ type: 'select', index: 1 }]);
    expect(s.pendingG).toBe(false);
  });
  it('? opens the sheet, which swallows keys until Escape or ?', () => {
    const [s1, a1] = run(['?', 'j', 'i']);
    expect(s1.help).toBe(true);
    expect(a1, 'keys behind the sheet do nothing').toEqual([]);
    const [s2] = run(['Escape'], s1);
    expect(s2.help).toBe(false);
    const [s3] = run(['?'], s1);
    expect(s3.help).toBe(false);
  });
  it('ignores keys with modifiers (browser shortcuts)', () => {
    check([{ key: 'j', ctrl: true }, { key: 'f', meta: true }, { key: 'd', alt: true }], 0, []);
  });
  it('does nothing on an empty list', () => {
    check(['j', 'i', 'n', 'Enter'], 0, [], initialTriage(0));
  });
  it('keeps the index valid when the list shrinks', () => {
    expect(withCount({ ...initialTriage(10), index: 8 }, 3).index).toBe(2);
    expect(withCount({ ...initialTriage(10), index: 8 }, 0).index).toBe(0);
    expect(withCount({ ...initialTriage(10), index: 2 }, 30).index).toBe(2);
  });
  it('fifty findings triage in three keys each', () => {
    let state = initialTriage(50);
    let saves = 0;
    for (let i = 0; i < 50; i++) {
      for (const key of ['i', 'Enter']) {
        const [s, a] = triage(state, { key });
        state = s;
        if (a.type === 'save') saves++;
      }
      [state] = triage(state, { key: 'j' });
    }
    expect(saves).toBe(50);
    expect(state.index).toBe(49);
  });
});
