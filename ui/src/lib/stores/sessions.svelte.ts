// The sidebar's lists: every stored session and the recent workspaces.

import type { RecentWorkspace, SessionInfo } from '../bindings/types';
import { backend } from '../backend';
import { describeError, type ErrorView } from '../backend/errors';

class Sessions {
  list = $state.raw<SessionInfo[]>([]);
  recent = $state.raw<RecentWorkspace[]>([]);
  loading = $state(true);
  error = $state<ErrorView | null>(null);

  async refresh() {
    try {
      const [list, recent] = await Promise.all([backend().listSessions(), backend().recentWorkspaces()]);
      this.list = list;
      this.recent = recent;
      this.error = null;
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.loading = false;
    }
  }

  /** Keeps the lists fresh as rounds start and finish. */
  start(): () => void {
    void this.refresh();
    return backend().onEvent((e) => {
      if (e.type === 'RoundStarted' || e.type === 'RoundFinished') void this.refresh();
    });
  }
}

export const sessions = new Sessions();
