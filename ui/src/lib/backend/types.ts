// The one interface views talk to. Two implementations: `tauri.ts` (IPC to
// the Rust shell, commands of the same names in snake_case) and `fake.ts`
// (in memory, for tests, the dev server and screenshots). Every method
// rejects with a BackendError carrying a stable `code`.

import type {
  AppEvent,
  ApplyOutcome,
  CheckOutcome,
  CheckRequest,
  FixApplication,
  FixState,
  Decision,
  DecideRequest,
  ExportFormat,
  FindingPage,
  Focus,
  Handoff,
  FocusRequest,
  KeyStatus,
  PriorityFilter,
  Provider,
  RecentWorkspace,
  Scope,
  ProfileSummaryView,
  ProfileView,
  ScopeOverrides,
  SessionInfo,
  SessionOverview,
  Settings,
  StartOptions,
  Target,
  Verification,
} from '../bindings/types';

export type Unsubscribe = () => void;

export interface Backend {
  listSessions(): Promise<SessionInfo[]>;
  recentWorkspaces(): Promise<RecentWorkspace[]>;
  /** Runs discovery on a folder; rejects with `not_a_workspace` when it has no Cargo.toml. */
  openWorkspace(path: string): Promise<Scope>;
  /** Writes `scope.md` and returns the scope with the overrides applied. */
  saveScope(path: string, overrides: ScopeOverrides, focus: Focus, priorityFilter: PriorityFilter): Promise<Scope>;
  /** Creates a session; round 1 runs in the background and reports through events. */
  startAudit(path: string, options: StartOptions): Promise<SessionInfo>;
  nextRound(sessionId: number, focus: FocusRequest[], note: string): Promise<void>;
  resumeRound(sessionId: number): Promise<void>;
  cancelRound(sessionId: number): Promise<void>;
  /** The session as rows: findings without code, proposal or evidence. */
  loadSession(sessionId: number): Promise<SessionOverview>;
  /** One finding, whole, with what heap profiles measured at its lines. */
  loadFinding(sessionId: number, round: number, findingId: string): Promise<FindingPage>;
  /** The hand-off prompt (markdown) for findings of a round: a task for a coding agent. */
  handoffPrompt(sessionId: number, round: number, findingIds: string[]): Promise<Handoff>;
  /** Stored heap profiles (newest first) and the top sites of one (null: the newest). */
  profileView(sessionId: number, profileId: number | null): Promise<ProfileView>;
  /** Reads a DHAT JSON file the user picked and ties it to the latest round. Runs nothing. */
  importProfile(sessionId: number, path: string): Promise<ProfileSummaryView>;
  /** The sentence to show before running `target`: what runs, where. */
  profileNotice(sessionId: number, target: Target): Promise<string>;
  /** **Runs the workspace's code** under valgrind (minutes). Only after the user confirmed the notice. */
  profileSession(sessionId: number, target: Target): Promise<ProfileSummaryView>;
  /** **Runs the workspace's code** again and compares with the profile that measured the finding. */
  verifyFinding(sessionId: number, findingId: string): Promise<Verification>;
  /** Stops the session's running profile or verification; it then rejects with `cancelled`. */
  cancelProfile(sessionId: number): Promise<void>;
  /** The round's report as sanitised HTML (rendered by the core; raw HTML disabled). */
  reportHtml(sessionId: number, round: number): Promise<string>;
  decide(sessionId: number, request: DecideRequest): Promise<Decision>;
  terminate(sessionId: number, note: string): Promise<void>;
  exportSession(sessionId: number, format: ExportFormat, path: string): Promise<void>;
  getSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  /** Stores the key in the OS keychain. It is never read back. */
  setApiKey(provider: Provider, key: string): Promise<void>;
  keyStatus(provider: Provider): Promise<KeyStatus>;
  /** Native folder picker; null when the user cancels. */
  pickFolder(): Promise<string | null>;
  /** Native open dialog for a DHAT profile (`*.json`); null when the user cancels. */
  pickProfileFile(): Promise<string | null>;
  /** Native save dialog; null when the user cancels. */
  pickSaveFile(defaultName: string): Promise<string | null>;
  /** Subscribes to round and watcher events; call the result to unsubscribe. */
  onEvent(handler: (event: AppEvent) => void): Unsubscribe;
  /** Quick built-in re-analysis of the files the watcher saw change. */
  reanalyzeChanged(sessionId: number): Promise<void>;
  /** The sentence to show before checking fixes: what is built, where. */
  checkNotice(sessionId: number, tests: boolean): Promise<string>;
  /** **Builds the workspace** in a scratch copy and checks the latest round's edits with the
   * compiler (progress as `CheckEvent`s). Only after the user confirmed the notice. */
  checkFixes(sessionId: number, request: CheckRequest): Promise<CheckOutcome>;
  /** Stops the session's running check; it then rejects with `cancelled`. */
  cancelCheck(sessionId: number): Promise<void>;
  /** A finding's edit as a diff, its latest check, and whether it can be applied or undone. */
  fixState(sessionId: number, findingId: string): Promise<FixState>;
  /** Writes the checked edit into the workspace; rejects with `invalid_input` and the reason when refused. */
  applyFix(sessionId: number, findingId: string): Promise<ApplyOutcome>;
  /** Puts back the files the applied fix changed, when they are still what it wrote. */
  undoFix(sessionId: number, findingId: string): Promise<FixApplication>;
}
