// Fixture data for the fake backend's fix checks: which of the fake
// session's findings carry an edit, what that edit looks like as a diff,
// and what the compiler "said" about it. Data, not rules: a finding has an
// edit unless its category is a design change in the fixture, and every
// fifth one fails with a borrow error, so each state of the finding page
// and of "Check fixes" can be seen.

import type { CompileError, Edit, Finding, FixCheck, FixStatus } from '../bindings/types';

/** Categories whose fixture proposals are design changes (no edit). */
const DESIGN = new Set(['ARENA_CANDIDATE', 'CACHE_HOSTILE', 'LIFETIME_EXTENSION']);

function firstCode(text: string): string {
  return text.split('\n').find((l) => l.trim() && !l.trim().startsWith('//')) ?? text;
}

/** The fixture edit of a finding: its first code line replaced by the proposal's. */
export function fixtureEdit(f: Finding): Edit | null {
  if (DESIGN.has(f.category)) return null;
  const original = firstCode(f.code);
  const replacement = original.replace(/\S.*$/, firstCode(f.proposal).trim());
  if (!original.trim() || replacement === original) return null;
  return {
    summary: f.category === 'UNNECESSARY_CLONE' ? 'drop the `.clone()`' : 'hoist the buffer out of the loop and `clear()` it',
    hunks: [{ file: f.file, start: 0, end: original.length, line: f.line_start, original, replacement }],
  };
}

/** The edit as the core's unified diff would show it (one line, no context). */
export function fixtureDiff(edit: Edit): string {
  const h = edit.hunks[0];
  return `--- a/${h.file}\n+++ b/${h.file}\n@@ -${h.line},1 +${h.line},1 @@\n-${h.original}\n+${h.replacement}\n`;
}

function number(id: string): number {
  return Number(id.replace(/\D/g, '')) || 0;
}

/** What the fixture compiler says about a finding's edit. */
export function fixtureCheck(f: Finding, edit: Edit, tests: boolean): FixCheck {
  const fails = number(f.id) % 5 === 0;
  const status: FixStatus = fails ? 'fails' : 'compiles';
  const errors: CompileError[] = fails
    ? [
        {
          code: 'E0597',
          message: '`line` does not live long enough',
          file: f.file,
          line: f.line_start + 2,
          original_line: f.line_start + 1,
          rendered: `error[E0597]: \`line\` does not live long enough\n --> ${f.file}:${f.line_start + 2}:21`,
        },
      ]
    : [];
  return {
    finding_id: f.id,
    fingerprint: f.fingerprint,
    edit_hash: `fx${f.fingerprint.slice(0, 14)}`,
    edit,
    status,
    errors,
    ...(tests && !fails ? { tests: { packages: [f.crate], passed: 212, failed: [], failing_before: [], ignored: 1 } } : {}),
    command: `cargo check --all-targets -p ${f.crate}`,
    files: [{ file: f.file, hash: 'fixture' }],
    duration_ms: 1400 + (number(f.id) % 7) * 100,
    batched_with: 11,
  };
}
