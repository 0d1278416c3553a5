// Event subscription for views and stores. Call inside `$effect` and return
// its result, so Svelte unsubscribes when the view goes away:
//   $effect(() => subscribeEvents((e) => ...));

import type { AppEvent } from '../bindings/types';
import { backend } from '../backend';

export function subscribeEvents(handler: (e: AppEvent) => void): () => void {
  return backend().onEvent(handler);
}
