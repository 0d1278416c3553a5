// Errors cross the backend boundary as `{code, message}`; the UI branches on
// `code` only, never on message text (the message is shown, not parsed).

import type { ApiErrorPayload, ErrorCode } from '../bindings/types';

const CODES: readonly ErrorCode[] = [
  'not_a_workspace',
  'workspace_missing',
  'session_not_found',
  'ambiguous_session',
  'finding_not_found',
  'invalid_input',
  'round_state',
  'cancelled',
  'provider',
  'database',
  'database_newer',
  'database_corrupt',
  'io',
  'internal',
];

export class BackendError extends Error implements ApiErrorPayload {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
  }
}

/** Turns whatever a command rejected with into a BackendError. Unknown
 * shapes (a panic string, a dropped IPC channel) become `internal`. */
export function toBackendError(e: unknown): BackendError {
  if (e instanceof BackendError) return e;
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    if (typeof code === 'string' && (CODES as readonly string[]).includes(code)) {
      return new BackendError(code as ErrorCode, String(message));
    }
    return new BackendError('internal', String(message));
  }
  if (e instanceof Error) return new BackendError('internal', e.message);
  return new BackendError('internal', typeof e === 'string' ? e : 'unknown error');
}

export interface ErrorView {
  title: string;
  message: string;
  /** What the user can do about it, when there is something. */
  hint?: string;
}

/** What a view shows for an error: a title chosen by code, the backend's
 * message, and a hint where the code tells us what helps. */
export function describeError(e: unknown): ErrorView {
  const err = toBackendError(e);
  switch (err.code) {
    case 'not_a_workspace':
      return {
        title: 'Not a Cargo workspace',
        message: err.message,
        hint: 'Choose a folder that contains a Cargo.toml (a workspace or a single crate).',
      };
    case 'workspace_missing':
      return {
        title: 'Workspace folder is gone',
        message: err.message,
        hint: 'Stored rounds can still be read and exported; new rounds need the folder back.',
      };
    case 'session_not_found':
      return { title: 'Session not found', message: err.message, hint: 'It may have been deleted from the CLI.' };
    case 'finding_not_found':
      return { title: 'Finding not found', message: err.message };
    case 'round_state':
      return { title: 'Not possible in this round', message: err.message };
    case 'invalid_input':
      return { title: 'Invalid input', message: err.message };
    case 'cancelled':
      return { title: 'Round cancelled', message: err.message, hint: 'Resume continues from the last finished role.' };
    case 'database_newer':
      return {
        title: 'Database from a newer memaudit',
        message: err.message,
        hint: 'Update memaudit to open this database.',
      };
    case 'database_corrupt':
      return { title: 'Database damaged', message: err.message };
    case 'database':
      return { title: 'Database error', message: err.message };
    case 'provider':
      return { title: 'Model provider error', message: err.message, hint: 'Check the provider, model and API key in Settings.' };
    case 'io':
      return { title: 'File system error', message: err.message };
    default:
      return { title: 'Something went wrong', message: err.message };
  }
}

/** Errors of the heap-profile actions (run, import, verify). The codes are
 * the same; the titles say which step failed. A missing valgrind arrives as
 * `io` with the install command in the message, which is shown as is. */
export function describeProfileError(e: unknown, action: 'run' | 'import' | 'verify'): ErrorView {
  const err = toBackendError(e);
  const base = describeError(err);
  switch (err.code) {
    case 'io':
      return {
        title: action === 'import' ? 'Could not read the profile' : 'Could not build or run the target',
        message: err.message,
      };
    case 'invalid_input':
      return { title: action === 'import' ? 'Not a usable DHAT profile' : 'Cannot do that', message: err.message };
    case 'round_state':
      return { title: action === 'verify' ? 'Nothing to compare with' : 'Not possible in this round', message: err.message };
    case 'cancelled':
      return { title: action === 'verify' ? 'Verification cancelled' : 'Profile run cancelled', message: err.message };
    default:
      return base;
  }
}
