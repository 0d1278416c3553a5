import { describe, expect, it } from 'vitest';
import { spans } from './Text.svelte';

describe('inline code spans', () => {
  const check = (input: string, expected: [boolean, string][]) =>
    expect(spans(input).map((s) => [s.code, s.text]), input).toEqual(expected);
  it('splits on backtick pairs', () => {
    check('called by `process_file` per file', [[false, 'called by '], [true, 'process_file'], [false, ' per file']]);
    check('`a``b`', [[true, 'a'], [true, 'b']]);
    check('plain', [[false, 'plain']]);
  });
  it('leaves an unmatched backtick as text', () => check('a `b c', [[false, 'a `b c']]));
  it('never produces markup: angle brackets stay text', () => check('`<script>`', [[true, '<script>']]));
});
