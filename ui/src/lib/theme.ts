// Theme: follow the OS (`system`) or force light/dark. Stored in
// localStorage; applied as html[data-theme], which app.css reads.

export type Theme = 'system' | 'light' | 'dark';
const KEY = 'memaudit.theme';

export function loadTheme(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Theme {
  try {
    const v = storage?.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function saveTheme(t: Theme, storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined = globalThis.localStorage): void {
  try {
    if (t === 'system') storage?.removeItem(KEY);
    else storage?.setItem(KEY, t);
  } catch {
    // Private mode or a full quota: the theme simply does not persist.
  }
}

export function applyTheme(t: Theme, root: HTMLElement = document.documentElement): void {
  if (t === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', t);
}

export function nextTheme(t: Theme): Theme {
  return t === 'system' ? 'light' : t === 'light' ? 'dark' : 'system';
}
