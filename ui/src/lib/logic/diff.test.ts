import { describe, expect, it } from 'vitest';
import { diffLines, diffStats, type DiffLine } from './diff';

function check(a: string, b: string, expected: string) {
  const got = diffLines(a, b)
    .map((l: DiffLine) => ({ same: ' ', del: '-', add: '+' })[l.op] + l.text)
    .join('\n');
  expect(got, `diff of ${JSON.stringify(a)} → ${JSON.stringify(b)}`).toBe(expected);
}

describe('diffLines', () => {
  it('equal texts are all context', () => check('a\nb', 'a\nb', ' a\n b'));
  it('empty sides', () => {
    check('', 'x\ny', '+x\n+y');
    check('x\ny', '', '-x\n-y');
    check('', '', '');
  });
  it('a replaced line', () => check('a\nb\nc', 'a\nB\nc', ' a\n-b\n+B\n c'));
  it('a hoisted declaration (the typical proposal)', () =>
    check(
      'for row in rows {\n    let s = schema.clone();\n    w.write(&s, row)?;\n}',
      'let s = &schema;\nfor row in rows {\n    w.write(s, row)?;\n}',
      '+let s = &schema;\n for row in rows {\n-    let s = schema.clone();\n-    w.write(&s, row)?;\n+    w.write(s, row)?;\n }',
    ));
  it('ignores a trailing newline and CRLF', () => check('a\r\nb\n', 'a\nb', ' a\n b'));
  it('numbers lines on both sides', () => {
    const d = diffLines('a\nb\nc', 'a\nc\nd');
    expect(d).toEqual([
      { op: 'same', text: 'a', oldNo: 1, newNo: 1 },
      { op: 'del', text: 'b', oldNo: 2 },
      { op: 'same', text: 'c', oldNo: 3, newNo: 2 },
      { op: 'add', text: 'd', newNo: 3 },
    ]);
    expect(diffStats(d)).toEqual({ added: 1, removed: 1 });
  });
  it('huge inputs fall back to remove-all/add-all instead of stalling', () => {
    const big = Array.from({ length: 3000 }, (_, i) => `l${i}`).join('\n');
    const d = diffLines(big, 'x');
    expect(diffStats(d)).toEqual({ added: 1, removed: 3000 });
  });
});
