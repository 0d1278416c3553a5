import { describe, expect, it } from 'vitest';
import { signalSummary } from './labels';

describe('signalSummary', () => {
  it('names each signal once and counts repeats', () => {
    expect(signalSummary([{ signal: 'code:iteration' }, { signal: 'code:file_io' }, { signal: 'code:iteration' }])).toBe(
      'code:iteration ×2, code:file_io',
    );
    expect(signalSummary([])).toBe('');
  });
});
