import { describe, expect, it } from 'vitest';
import { ROW_SUMMARY_CHARS, rowSummary, signalSummary } from './labels';

describe('signalSummary', () => {
  it('names each signal once and counts repeats', () => {
    expect(signalSummary([{ signal: 'code:iteration' }, { signal: 'code:file_io' }, { signal: 'code:iteration' }])).toBe(
      'code:iteration ×2, code:file_io',
    );
    expect(signalSummary([])).toBe('');
  });
});

describe('rowSummary (the core row_summary)', () => {
  it('is the first sentence of the first line', () => {
    expect(rowSummary('A clone per row. A borrow would do.\nMore.')).toBe('A clone per row.');
    expect(rowSummary('  one line only  ')).toBe('one line only');
    expect(rowSummary('first line\r\nsecond')).toBe('first line');
    expect(rowSummary('')).toBe('');
  });
  it('cuts long summaries at a character, not a UTF-16 unit', () => {
    const s = rowSummary('é'.repeat(400) + '🦀'.repeat(10));
    expect([...s]).toHaveLength(ROW_SUMMARY_CHARS);
    expect(s.endsWith('…')).toBe(true);
    expect([...rowSummary('🦀'.repeat(400))].every((c) => c === '🦀' || c === '…'), 'no broken surrogate').toBe(true);
  });
});
