import { describe, expect, it } from 'vitest';
import { applyTheme, loadTheme, nextTheme, saveTheme } from './theme';

function memory() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    size: () => m.size,
  };
}

describe('theme', () => {
  it('cycles system → light → dark → system', () => {
    expect([nextTheme('system'), nextTheme('light'), nextTheme('dark')]).toEqual(['light', 'dark', 'system']);
  });
  it('persists a forced theme and forgets "system"', () => {
    const s = memory();
    expect(loadTheme(s), 'nothing stored follows the OS').toBe('system');
    saveTheme('dark', s);
    expect(loadTheme(s)).toBe('dark');
    saveTheme('system', s);
    expect(s.size(), 'system removes the key').toBe(0);
  });
  it('ignores garbage and a throwing storage', () => {
    const s = memory();
    s.setItem('memaudit.theme', 'purple');
    expect(loadTheme(s)).toBe('system');
    const broken = { getItem: () => { throw new Error('denied'); } };
    expect(loadTheme(broken)).toBe('system');
  });
  it('sets or clears html[data-theme]', () => {
    const el = document.createElement('html');
    applyTheme('light', el);
    expect(el.getAttribute('data-theme')).toBe('light');
    applyTheme('system', el);
    expect(el.hasAttribute('data-theme')).toBe(false);
  });
});
