import { describe, expect, it } from 'vitest';
import { href, parseHash } from './router.svelte';

describe('hash routes', () => {
  const check = (hash: string, view: string, sessionId: number | null, params: Record<string, string> = {}) => {
    const r = parseHash(hash);
    expect({ view: r.view, sessionId: r.sessionId, params: Object.fromEntries(r.params) }, hash).toEqual({ view, sessionId, params });
  };
  it('parses every screen', () => {
    check('', 'home', null);
    check('#/', 'home', null);
    check('#/scope?path=%2Fhome%2Flead%2Fsrc', 'scope', null, { path: '/home/lead/src' });
    check('#/settings', 'settings', null);
    check('#/s/2/run', 'run', 2);
    check('#/s/2/report?round=1&tab=findings', 'report', 2, { round: '1', tab: 'findings' });
    check('#/s/2/decide?f=F-011', 'decide', 2, { f: 'F-011' });
    check('#/s/2/export', 'export', 2);
    check('#/s/2/profile?p=3&crate=ingest-scan', 'profile', 2, { p: '3', crate: 'ingest-scan' });
  });
  it('falls back on unknown paths', () => {
    check('#/s/2/nonsense', 'report', 2);
    check('#/s/abc/run', 'home', null);
    check('#/whatever', 'home', null);
  });
  it('href round-trips and drops empty params', () => {
    expect(href('report', 2, { round: 1, tab: 'findings', f: null })).toBe('#/s/2/report?round=1&tab=findings');
    expect(href('scope', null, { path: '/a b' })).toBe('#/scope?path=%2Fa+b');
    expect(parseHash(href('scope', null, { path: '/a b' })).params.get('path')).toBe('/a b');
    expect(href('home')).toBe('#/');
  });
});
