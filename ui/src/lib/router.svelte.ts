// Hash routing: `#/`, `#/scope?path=…`, `#/settings`,
// `#/s/<id>/<view>?round=…&tab=…&f=…` (profile: `?p=<profile id>&crate=a,b`). The hash is the only navigation
// state, so reloads and the back button work and views can be linked.

export type View = 'home' | 'scope' | 'settings' | 'run' | 'report' | 'decide' | 'profile' | 'export';

export interface Route {
  view: View;
  sessionId: number | null;
  params: URLSearchParams;
}

const SESSION_VIEWS: View[] = ['run', 'report', 'decide', 'profile', 'export'];

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?', 2);
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 's' && parts[1] && /^\d+$/.test(parts[1])) {
    const view = (SESSION_VIEWS as string[]).includes(parts[2] ?? '') ? (parts[2] as View) : 'report';
    return { view, sessionId: Number(parts[1]), params };
  }
  if (parts[0] === 'scope') return { view: 'scope', sessionId: null, params };
  if (parts[0] === 'settings') return { view: 'settings', sessionId: null, params };
  return { view: 'home', sessionId: null, params };
}

export function href(view: View, sessionId?: number | null, params?: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const qs = q.toString() ? `?${q}` : '';
  if (SESSION_VIEWS.includes(view) && sessionId != null) return `#/s/${sessionId}/${view}${qs}`;
  if (view === 'home') return `#/${qs}`;
  return `#/${view}${qs}`;
}

class Router {
  route = $state<Route>(parseHash(typeof location === 'undefined' ? '' : location.hash));

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('hashchange', () => {
        this.route = parseHash(location.hash);
      });
    }
  }

  go(to: string, replace = false) {
    if (replace) {
      history.replaceState(null, '', to);
      this.route = parseHash(to);
    } else {
      location.hash = to;
    }
  }

  /** Updates query params of the current route without a history entry. */
  setParams(p: Record<string, string | number | undefined | null>) {
    const r = this.route;
    const merged: Record<string, string | number | undefined | null> = Object.fromEntries(r.params);
    Object.assign(merged, p);
    this.go(href(r.view, r.sessionId, merged), true);
  }
}

export const router = new Router();
