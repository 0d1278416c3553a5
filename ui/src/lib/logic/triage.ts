// Keyboard triage as a pure reducer: (state, key) → (state, action). The
// Decide view feeds it keydown events and performs the returned action; all
// the rules about which key does what live here and are unit tested.

import type { DecisionKind } from '../bindings/types';

export interface TriageState {
  /** Selected row in the visible (filtered) list. */
  index: number;
  /** Rows in the visible list. */
  count: number;
  /** A `g` was pressed and waits for its second key. */
  pendingG: boolean;
  /** The shortcut sheet is open. */
  help: boolean;
}

export interface KeyInput {
  key: string;
  shift?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  alt?: boolean;
  /** The event comes from a text field (note, search, date). */
  inField?: boolean;
}

export type Destination = 'home' | 'report' | 'decide' | 'profile' | 'scope';

export type TriageAction =
  | { type: 'none' }
  | { type: 'select'; index: number }
  | { type: 'setKind'; kind: DecisionKind }
  | { type: 'focusNote' }
  | { type: 'focusSearch' }
  | { type: 'save' }
  | { type: 'blur' }
  | { type: 'navigate'; to: Destination };

export const initialTriage = (count = 0): TriageState => ({ index: 0, count, pendingG: false, help: false });

const NONE: TriageAction = { type: 'none' };

const KIND_KEYS: Record<string, DecisionKind> = {
  i: 'implement',
  d: 'defer',
  f: 'reject_false_positive',
  w: 'reject_wont_fix',
};

const G_KEYS: Record<string, Destination> = { h: 'home', r: 'report', d: 'decide', p: 'profile', s: 'scope' };

/** The shortcut sheet, in the order it is shown. */
export const SHORTCUTS: [string, string][] = [
  ['j / ↓', 'Next finding'],
  ['k / ↑', 'Previous finding'],
  ['Home / End', 'First / last finding'],
  ['i', 'Decide: implement'],
  ['d', 'Decide: defer (to next round unless a date is set)'],
  ['f', 'Decide: reject as false positive'],
  ['w', "Decide: won't fix"],
  ['n', 'Write a note'],
  ['Enter', 'Save the decision and go to the next finding'],
  ['Esc', 'Leave the field / close this sheet'],
  ['/', 'Search findings'],
  ['g h', 'Go to Home'],
  ['g r', 'Go to the report'],
  ['g d', 'Go to Decide'],
  ['g p', 'Go to the heap profile'],
  ['g s', 'Go to Scope'],
  ['?', 'Show / hide this sheet'],
];

function select(state: TriageState, index: number): [TriageState, TriageAction] {
  if (state.count === 0) return [{ ...state, index: 0 }, NONE];
  const i = Math.max(0, Math.min(state.count - 1, index));
  return [{ ...state, index: i }, i === state.index ? NONE : { type: 'select', index: i }];
}

export function triage(state: TriageState, input: KeyInput): [TriageState, TriageAction] {
  const { key } = input;
  // Modified keys belong to the browser and the OS (copy, reload, …).
  if (input.ctrl || input.meta || input.alt) return [state, NONE];

  if (input.inField) {
    if (key === 'Escape') return [state, { type: 'blur' }];
    if (key === 'Enter' && !input.shift) return [state, { type: 'save' }];
    return [state, NONE];
  }

  if (state.help) {
    if (key === 'Escape' || key === '?') return [{ ...state, help: false }, NONE];
    return [state, NONE];
  }

  if (state.pendingG) {
    const to = G_KEYS[key];
    const next = { ...state, pendingG: false };
    return [next, to ? { type: 'navigate', to } : NONE];
  }

  switch (key) {
    case 'j':
    case 'ArrowDown':
      return select(state, state.index + 1);
    case 'k':
    case 'ArrowUp':
      return select(state, state.index - 1);
    case 'Home':
      return select(state, 0);
    case 'End':
      return select(state, state.count - 1);
    case 'n':
      return [state, state.count ? { type: 'focusNote' } : NONE];
    case 'Enter':
      return [state, state.count ? { type: 'save' } : NONE];
    case '/':
      return [state, { type: 'focusSearch' }];
    case '?':
      return [{ ...state, help: true }, NONE];
    case 'g':
      return [{ ...state, pendingG: true }, NONE];
    case 'Escape':
      return [state, NONE];
  }
  const kind = KIND_KEYS[key];
  if (kind && state.count) return [state, { type: 'setKind', kind }];
  return [state, NONE];
}

/** Keeps the selection valid when the visible list changes length. */
export function withCount(state: TriageState, count: number): TriageState {
  return { ...state, count, index: count === 0 ? 0 : Math.min(state.index, count - 1) };
}
