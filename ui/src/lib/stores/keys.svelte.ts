// Keyboard routing. The App owns one window keydown listener and runs the
// pure `triage` reducer; the view that shows a finding list registers the
// handlers for the actions (select, decide, save, focus). Navigation
// (`g h`, `g r`) and the shortcut sheet are handled by the App.

import type { DecisionKind } from '../bindings/types';
import { initialTriage, type TriageState } from '../logic/triage';

export interface ListKeys {
  count(): number;
  index(): number;
  select(index: number): void;
  setKind?(kind: DecisionKind): void;
  save?(): void;
  focusNote?(): void;
  focusSearch?(): void;
}

class Keys {
  state = $state<TriageState>(initialTriage());
  target: ListKeys | null = null;

  /** Registers the active list; returns the unregister function for `$effect`. */
  register(t: ListKeys): () => void {
    this.target = t;
    return () => {
      if (this.target === t) this.target = null;
    };
  }
}

export const keys = new Keys();
