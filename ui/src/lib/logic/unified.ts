// A unified diff (as the core writes it for an edit) split into rows for
// display: file headers, hunk headers, and lines with their old and new
// line numbers. Pure; no rendering.

export type UnifiedRow =
  | { kind: 'file'; text: string }
  | { kind: 'hunk'; text: string }
  | { kind: 'add' | 'del' | 'ctx'; text: string; oldNo: number | null; newNo: number | null };

export function parseUnified(diff: string): UnifiedRow[] {
  const rows: UnifiedRow[] = [];
  let oldNo = 0;
  let newNo = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('--- ') || line.startsWith('+++ ')) {
      if (line.startsWith('+++ ')) rows.push({ kind: 'file', text: line.slice(4).replace(/^b\//, '') });
      continue;
    }
    if (line.startsWith('@@')) {
      const m = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line) ?? /^@@ line (\d+) @@/.exec(line);
      oldNo = m ? Number(m[1]) : 0;
      newNo = m ? Number(m[2] ?? m[1]) : 0;
      rows.push({ kind: 'hunk', text: line });
      continue;
    }
    if (line === '' ) continue;
    const sign = line[0];
    const text = line.slice(1);
    if (sign === '+') rows.push({ kind: 'add', text, oldNo: null, newNo: newNo++ });
    else if (sign === '-') rows.push({ kind: 'del', text, oldNo: oldNo++, newNo: null });
    else if (sign === ' ') rows.push({ kind: 'ctx', text, oldNo: oldNo++, newNo: newNo++ });
  }
  return rows;
}

/** Lines added and removed. */
export function unifiedStats(rows: UnifiedRow[]): { added: number; removed: number } {
  return {
    added: rows.filter((r) => r.kind === 'add').length,
    removed: rows.filter((r) => r.kind === 'del').length,
  };
}
