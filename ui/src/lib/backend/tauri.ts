// The real backend: Tauri IPC. Command names are the snake_case twins of
// the interface's methods. Top-level argument keys are camelCase, as Tauri 2
// maps them onto the Rust commands' snake_case parameters; nested values are
// the serde shapes from `bindings/`.

import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { open, save } from '@tauri-apps/plugin-dialog';
import type { AppEvent, CheckEventPayload, FilesChanged, RoundEvent } from '../bindings/types';
import { toBackendError } from './errors';
import type { Backend, Unsubscribe } from './types';

/** Event names emitted by the shell. */
export const ROUND_EVENT = 'round-event';
export const FILES_CHANGED_EVENT = 'files-changed';
export const CHECK_EVENT = 'check-event';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toBackendError(e);
  }
}

function onEvent(handler: (event: AppEvent) => void): Unsubscribe {
  // `listen` resolves asynchronously; an unsubscribe that comes first must
  // still detach the listener once it exists.
  let closed = false;
  const pending: Promise<UnlistenFn>[] = [
    listen<RoundEvent>(ROUND_EVENT, (e) => handler(e.payload)),
    listen<FilesChanged>(FILES_CHANGED_EVENT, (e) => handler({ ...e.payload, type: 'FilesChanged' })),
    listen<CheckEventPayload>(CHECK_EVENT, (e) => handler({ ...e.payload, type: 'CheckEvent' })),
  ];
  return () => {
    if (closed) return;
    closed = true;
    for (const p of pending) p.then((unlisten) => unlisten()).catch(() => {});
  };
}

export const tauriBackend: Backend = {
  listSessions: () => call('list_sessions'),
  recentWorkspaces: () => call('recent_workspaces'),
  openWorkspace: (path) => call('open_workspace', { path }),
  saveScope: (path, overrides, focus, priorityFilter) =>
    call('save_scope', { path, overrides, focus, priorityFilter }),
  startAudit: (path, options) => call('start_audit', { path, options }),
  nextRound: (sessionId, focus, note) => call('next_round', { sessionId, focus, note }),
  resumeRound: (sessionId) => call('resume_round', { sessionId }),
  cancelRound: (sessionId) => call('cancel_round', { sessionId }),
  loadSession: (sessionId) => call('load_session', { sessionId }),
  loadFinding: (sessionId, round, findingId) => call('load_finding', { sessionId, round, findingId }),
  handoffPrompt: (sessionId, round, findingIds) => call('handoff_prompt', { sessionId, round, findingIds }),
  profileView: (sessionId, profileId) => call('profile_view', { sessionId, profileId }),
  importProfile: (sessionId, path) => call('import_profile', { sessionId, path }),
  profileNotice: (sessionId, target) => call('profile_notice', { sessionId, target }),
  profileSession: (sessionId, target) => call('profile_session', { sessionId, target }),
  verifyFinding: (sessionId, findingId) => call('verify_finding', { sessionId, findingId }),
  cancelProfile: (sessionId) => call('cancel_profile', { sessionId }),
  reportHtml: (sessionId, round) => call('report_html', { sessionId, round }),
  decide: (sessionId, request) => call('decide', { sessionId, request }),
  terminate: (sessionId, note) => call('terminate', { sessionId, note }),
  exportSession: (sessionId, format, path) => call('export_session', { sessionId, format, path }),
  getSettings: () => call('get_settings'),
  saveSettings: (settings) => call('save_settings', { settings }),
  setApiKey: (provider, key) => call('set_api_key', { provider, key }),
  keyStatus: (provider) => call('key_status', { provider }),
  async pickFolder() {
    try {
      const picked = await open({ directory: true, multiple: false, title: 'Choose a Cargo workspace' });
      return typeof picked === 'string' ? picked : null;
    } catch (e) {
      throw toBackendError(e);
    }
  },
  async pickProfileFile() {
    try {
      const picked = await open({
        directory: false,
        multiple: false,
        title: 'Import a DHAT heap profile',
        filters: [{ name: 'DHAT profile (JSON)', extensions: ['json'] }],
      });
      return typeof picked === 'string' ? picked : null;
    } catch (e) {
      throw toBackendError(e);
    }
  },
  async pickSaveFile(defaultName) {
    try {
      return await save({ defaultPath: defaultName, title: 'Export session' });
    } catch (e) {
      throw toBackendError(e);
    }
  },
  onEvent,
  reanalyzeChanged: (sessionId) => call('reanalyze_changed', { sessionId }),
  checkNotice: (sessionId, tests) => call('check_notice', { sessionId, tests }),
  checkFixes: (sessionId, request) => call('check_fixes', { sessionId, request }),
  cancelCheck: (sessionId) => call('cancel_check', { sessionId }),
  fixState: (sessionId, findingId) => call('fix_state', { sessionId, findingId }),
  applyFix: (sessionId, findingId) => call('apply_fix', { sessionId, findingId }),
  undoFix: (sessionId, findingId) => call('undo_fix', { sessionId, findingId }),
};
