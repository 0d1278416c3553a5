// Live progress of running rounds, per session, fed by RoundEvents. Lives as
// long as the App (so a round started from Home is followed before the Run
// view mounts); `start()` returns the unsubscribe the App's effect returns.

import type { AppEvent } from '../bindings/types';
import { backend } from '../backend';
import { applyEvent, initialRun, type RunState } from '../logic/run';

class Runs {
  bySession = $state.raw<Record<number, RunState>>({});
  /** Session id of the round that started last, for the Run view's default. */
  lastRoundSession: number | null = null;

  start(): () => void {
    return backend().onEvent((e) => this.apply(e));
  }

  apply(e: AppEvent) {
    if (e.type === 'FilesChanged' || e.type === 'CheckEvent') return;
    let id: number | null = null;
    if (e.type === 'RoundStarted' || e.type === 'RoundFinished') id = e.session_id;
    else {
      // Role events carry only the round; attribute them to the session
      // whose round is running with that number.
      for (const [k, s] of Object.entries(this.bySession)) if (s.round === e.round && s.finished === null) id = Number(k);
    }
    if (id === null) return;
    const prev = e.type === 'RoundStarted' ? initialRun(id) : (this.bySession[id] ?? initialRun(id));
    this.bySession = { ...this.bySession, [id]: applyEvent(prev, e) };
    if (e.type === 'RoundStarted') this.lastRoundSession = id;
  }

  get(id: number): RunState | null {
    return this.bySession[id] ?? null;
  }
}

export const runs = new Runs();
