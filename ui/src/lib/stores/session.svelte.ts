// The open session: loaded from the backend (the source of truth) as rows
// (`SessionOverview`), reloaded when one of its rounds finishes, patched in
// place with the Decision the backend returns after `decide` (so 10,000 rows
// are not refetched per keystroke). A finding's whole page comes from
// `loadFinding`, through a cache of pages by round and id that decisions,
// reloads and verifications invalidate. Also keeps what the watcher
// reported (FilesChanged) and the one heap-profile run (profile or verify)
// that may be going on, so its progress survives leaving the screen.
// `dispose()` unsubscribes; the App calls it when the session changes.

import type {
  AppEvent,
  Decision,
  DecideRequest,
  FindingPage,
  FindingRow,
  ProfileSummaryView,
  RoundOverview,
  SessionOverview,
  Target,
  Verification,
} from '../bindings/types';
import { backend } from '../backend';
import { describeError, describeProfileError, type ErrorView } from '../backend/errors';
import { PageCache } from '../logic/pages';

export interface Changed {
  files: string[];
  staleFindings: number;
  round: number;
}

/** A profile run or verification in progress: it runs the workspace's code. */
export interface CodeRun {
  kind: 'profile' | 'verify';
  findingId: string | null;
  /** The cargo command, for the progress line. */
  command: string;
  startedAt: number;
  /** Cancel was asked for; the run ends as soon as its step is killed. */
  cancelling?: boolean;
}

export interface VerifyResult {
  findingId: string;
  verification?: Verification;
  error?: ErrorView;
}

export interface ProfileResult {
  kind: 'run' | 'import';
  summary?: ProfileSummaryView;
  error?: ErrorView;
}

export class SessionStore {
  readonly id: number;
  data = $state.raw<SessionOverview | null>(null);
  loading = $state(true);
  error = $state<ErrorView | null>(null);
  changed = $state<Changed | null>(null);
  /** Bumped whenever cached finding pages are dropped: shown pages refetch. */
  pageVersion = $state(0);
  /** Bumped when a profile was stored: the profile view reloads. */
  profileVersion = $state(0);
  codeRun = $state<CodeRun | null>(null);
  importing = $state(false);
  verifyResult = $state<VerifyResult | null>(null);
  profileResult = $state<ProfileResult | null>(null);
  readonly pages: PageCache<FindingPage>;
  private unsubscribe: () => void;

  constructor(id: number) {
    this.id = id;
    this.pages = new PageCache((round, findingId) => backend().loadFinding(id, round, findingId));
    this.unsubscribe = backend().onEvent((e) => this.onEvent(e));
    void this.load();
  }

  private onEvent(e: AppEvent) {
    if (e.type === 'RoundFinished' && e.session_id === this.id) void this.load();
    if (e.type === 'FilesChanged' && this.data && e.workspace === this.data.session.workspace) {
      this.changed = { files: e.files, staleFindings: e.stale_findings, round: this.data.rounds.length };
    }
  }

  /** Loads the overview; a reload (round finished, re-check) also drops
   * the cached pages, since any of them may have changed. */
  async load(invalidate = true) {
    this.loading = this.data === null;
    try {
      const data = await backend().loadSession(this.id);
      if (invalidate && this.data !== null) this.invalidatePages();
      this.data = data;
      this.error = null;
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.loading = false;
    }
  }

  round(n?: number | null): RoundOverview | null {
    const rounds = this.data?.rounds ?? [];
    if (n != null) return rounds.find((r) => r.number === n) ?? null;
    return rounds[rounds.length - 1] ?? null;
  }

  /** The latest round's number, or null before the first round. */
  get latestRound(): number | null {
    return this.round()?.number ?? null;
  }

  /** A finding's page if it is cached (no request). */
  cachedPage(round: number, findingId: string): FindingPage | undefined {
    return this.pages.get(round, findingId);
  }

  /** A finding's page: cached, or fetched once however many views ask. */
  page(round: number, findingId: string): Promise<FindingPage> {
    return this.pages.load(round, findingId);
  }

  /** Fetches a page the user is likely to open next; failures are ignored
   * (the page is asked for again when it is shown). */
  prefetch(round: number, findingId: string) {
    if (!this.pages.has(round, findingId)) this.pages.load(round, findingId).catch(() => {});
  }

  invalidatePages(round?: number, findingId?: string) {
    this.pages.invalidate(round, findingId);
    this.pageVersion++;
  }

  /** Records the decision with the backend and patches the latest round. */
  async decide(request: DecideRequest): Promise<Decision> {
    const d = await backend().decide(this.id, request);
    const data = this.data;
    if (data) {
      const last = data.rounds.length - 1;
      const rounds = data.rounds.map((r, i) =>
        i !== last ? r : { ...r, findings: r.findings.map((f): FindingRow => (f.id === d.finding_id ? { ...f, decision: d } : f)) },
      );
      this.data = { ...data, rounds };
      this.invalidatePages(data.rounds[last].number, d.finding_id);
    }
    return d;
  }

  async reanalyze() {
    await backend().reanalyzeChanged(this.id);
    this.changed = null;
    await this.load();
  }

  /** Re-runs the profile that measured the finding (runs the workspace's
   * code: the caller has shown the notice and the user confirmed). */
  async verify(findingId: string, command: string): Promise<void> {
    if (this.codeRun) return;
    this.codeRun = { kind: 'verify', findingId, command, startedAt: Date.now() };
    this.verifyResult = null;
    try {
      const verification = await backend().verifyFinding(this.id, findingId);
      this.verifyResult = { findingId, verification };
      this.profileVersion++;
      // The page shows the verification at once; the report's verified
      // savings and other pages' measurements come with the reload.
      this.invalidatePages();
      await this.load(false);
    } catch (e) {
      this.verifyResult = { findingId, error: describeProfileError(e, 'verify') };
    } finally {
      this.codeRun = null;
    }
  }

  /** Asks the backend to stop the running profile or verification; the run
   * then ends with a `cancelled` result. */
  async cancelCodeRun(): Promise<void> {
    if (!this.codeRun || this.codeRun.cancelling) return;
    this.codeRun = { ...this.codeRun, cancelling: true };
    await backend().cancelProfile(this.id);
  }

  /** Builds and runs `target` under valgrind (the user confirmed the notice). */
  async runProfile(target: Target, command: string): Promise<ProfileSummaryView | null> {
    if (this.codeRun) return null;
    this.codeRun = { kind: 'profile', findingId: null, command, startedAt: Date.now() };
    this.profileResult = null;
    try {
      const summary = await backend().profileSession(this.id, target);
      this.profileResult = { kind: 'run', summary };
      await this.afterProfile();
      return summary;
    } catch (e) {
      this.profileResult = { kind: 'run', error: describeProfileError(e, 'run') };
      return null;
    } finally {
      this.codeRun = null;
    }
  }

  /** Imports a DHAT file the user picked (reads it; runs nothing). */
  async importProfile(path: string): Promise<ProfileSummaryView | null> {
    this.importing = true;
    this.profileResult = null;
    try {
      const summary = await backend().importProfile(this.id, path);
      this.profileResult = { kind: 'import', summary };
      await this.afterProfile();
      return summary;
    } catch (e) {
      this.profileResult = { kind: 'import', error: describeProfileError(e, 'import') };
      return null;
    } finally {
      this.importing = false;
    }
  }

  /** A new profile measures findings and may raise new ones. */
  private async afterProfile() {
    this.profileVersion++;
    this.invalidatePages();
    await this.load(false);
  }

  dispose() {
    this.unsubscribe();
  }
}
