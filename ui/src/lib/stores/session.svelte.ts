// The open session: loaded from the backend (the source of truth), reloaded
// when one of its rounds finishes, patched in place with the Decision the
// backend returns after `decide` (so 10,000 rows are not refetched per
// keystroke). Also keeps what the watcher reported (FilesChanged).
// `dispose()` unsubscribes; the App calls it when the session changes.

import type { AppEvent, Decision, DecideRequest, FindingRecord, RoundRecord, SessionExport } from '../bindings/types';
import { backend } from '../backend';
import { describeError, type ErrorView } from '../backend/errors';

export interface Changed {
  files: string[];
  staleFindings: number;
  round: number;
}

export class SessionStore {
  readonly id: number;
  data = $state.raw<SessionExport | null>(null);
  loading = $state(true);
  error = $state<ErrorView | null>(null);
  changed = $state<Changed | null>(null);
  private unsubscribe: () => void;

  constructor(id: number) {
    this.id = id;
    this.unsubscribe = backend().onEvent((e) => this.onEvent(e));
    void this.load();
  }

  private onEvent(e: AppEvent) {
    if (e.type === 'RoundFinished' && e.session_id === this.id) void this.load();
    if (e.type === 'FilesChanged' && this.data && e.workspace === this.data.session.workspace) {
      this.changed = { files: e.files, staleFindings: e.stale_findings, round: this.data.rounds.length };
    }
  }

  async load() {
    this.loading = this.data === null;
    try {
      this.data = await backend().loadSession(this.id);
      this.error = null;
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.loading = false;
    }
  }

  round(n?: number | null): RoundRecord | null {
    const rounds = this.data?.rounds ?? [];
    if (n != null) return rounds.find((r) => r.number === n) ?? null;
    return rounds[rounds.length - 1] ?? null;
  }

  /** Records the decision with the backend and patches the latest round. */
  async decide(request: DecideRequest): Promise<Decision> {
    const d = await backend().decide(this.id, request);
    const data = this.data;
    if (data) {
      const last = data.rounds.length - 1;
      const rounds = data.rounds.map((r, i) =>
        i !== last ? r : { ...r, findings: r.findings.map((f): FindingRecord => (f.finding.id === d.finding_id ? { ...f, decision: d } : f)) },
      );
      this.data = { ...data, rounds };
    }
    return d;
  }

  async reanalyze() {
    await backend().reanalyzeChanged(this.id);
    this.changed = null;
    await this.load();
  }

  dispose() {
    this.unsubscribe();
  }
}
