import { describe, expect, it } from 'vitest';
import { parseUnified, unifiedStats } from './unified';

describe('unified diffs', () => {
  it('numbers old and new lines from the hunk header', () => {
    const rows = parseUnified(
      '--- a/src/lib.rs\n+++ b/src/lib.rs\n@@ -14,3 +14,3 @@\n pub fn f(text: String) -> usize {\n-    let n = g(&text.clone());\n+    let n = g(&text);\n     n\n',
    );
    expect(rows[0]).toEqual({ kind: 'file', text: 'src/lib.rs' });
    expect(rows[1].kind).toBe('hunk');
    expect(rows.slice(2)).toEqual([
      { kind: 'ctx', text: 'pub fn f(text: String) -> usize {', oldNo: 14, newNo: 14 },
      { kind: 'del', text: '    let n = g(&text.clone());', oldNo: 15, newNo: null },
      { kind: 'add', text: '    let n = g(&text);', oldNo: null, newNo: 15 },
      { kind: 'ctx', text: '    n', oldNo: 16, newNo: 16 },
    ]);
    expect(unifiedStats(rows)).toEqual({ added: 1, removed: 1 });
  });

  it('reads the hunks-only form the core writes when the file is unreadable', () => {
    const rows = parseUnified('--- a/x.rs\n+++ b/x.rs\n@@ line 7 @@\n-.clone()\n');
    expect(rows[2]).toEqual({ kind: 'del', text: '.clone()', oldNo: 7, newNo: null });
  });
});
