// Fixture data for the fake backend's fix checks: what the compiler "said"
// about the core's edits. A finding's edit is the one the core's Analyst
// computed (`Finding.edit`; design changes have none); every fifth finding's
// edit fails with a borrow error, so each state of the finding page and of
// "Check fixes" can be seen.

import type { CompileError, Edit, Finding, FixCheck, FixStatus } from '../bindings/types';

/** The core's edit of a finding, if its proposal is mechanical. */
export function fixtureEdit(f: Finding): Edit | null {
  return f.edit ?? null;
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
