// Line diff between a finding's current code and its proposal, shown as a
// unified diff. LCS over lines: snippets are short (tens of lines), so the
// O(n·m) table is cheap; inputs past MAX_LINES fall back to "all removed,
// all added" rather than stalling the UI.

export type DiffOp = 'same' | 'del' | 'add';

export interface DiffLine {
  op: DiffOp;
  text: string;
  /** 1-based line in the old text (same/del). */
  oldNo?: number;
  /** 1-based line in the new text (same/add). */
  newNo?: number;
}

export const MAX_LINES = 2000;

function splitLines(s: string): string[] {
  if (s === '') return [];
  return s.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
}

export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_LINES * MAX_LINES / 4 || n > MAX_LINES || m > MAX_LINES) {
    return [...a.map((text, i) => ({ op: 'del' as const, text, oldNo: i + 1 })), ...b.map((text, j) => ({ op: 'add' as const, text, newNo: j + 1 }))];
  }
  // lcs[i][j] = LCS length of a[i..] and b[j..], in one flat array.
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i], oldNo: i + 1, newNo: j + 1 });
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
      out.push({ op: 'del', text: a[i], oldNo: i + 1 });
      i++;
    } else {
      out.push({ op: 'add', text: b[j], newNo: j + 1 });
      j++;
    }
  }
  for (; i < n; i++) out.push({ op: 'del', text: a[i], oldNo: i + 1 });
  for (; j < m; j++) out.push({ op: 'add', text: b[j], newNo: j + 1 });
  return out;
}

export function diffStats(lines: DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const l of lines) {
    if (l.op === 'add') added++;
    else if (l.op === 'del') removed++;
  }
  return { added, removed };
}
