// App-wide state of fix checks: `version` is bumped when a "Check fixes" run
// stored results, so every shown finding page reloads its fix state;
// `applied` holds, by `session:finding`, whether the finding's checked edit
// is applied (and not undone) — an applied fix is one the user is
// implementing, so its page offers "Verify fix…" as a decision to implement
// would.
export const fixes = $state({ version: 0, applied: {} as Record<string, boolean> });

export const fixKey = (session: number, finding: string) => `${session}:${finding}`;
