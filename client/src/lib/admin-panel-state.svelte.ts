import type { ServiceSummary } from '../../../shared/index.ts';
import { handleError } from './api.ts';
import { servicesByName } from './services-by-name.ts';

/** "Only these" with none ticked is a mistake the form says before sending anything. */
export function scopeErrors(scope: 'all' | 'some', chosen: string[]): Record<string, string[]> {
  return scope === 'some' && chosen.length === 0
    ? { services: ['Pick at least one service, or choose all services.'] }
    : {};
}

/**
 * What an operator's add-and-list panel (webhooks, experts) keeps about its list: the items, the
 * services to pick from, and the running action with one message for how it went.
 */
export class PanelState<T> {
  items = $state<T[] | undefined>();
  services = $state<ServiceSummary[]>([]);
  listError = $state('');
  notice = $state('');
  actionError = $state('');
  /** The key of the action running, '' when none: one action at a time. */
  busy = $state('');

  readonly #list: () => Promise<T[]>;
  readonly #onAuthError: (err: unknown) => boolean;
  readonly #onChanged: () => void;

  /** `onAuthError` returns true when the error meant "signed out" (the page then shows the sign-in form). */
  constructor(list: () => Promise<T[]>, onAuthError: (err: unknown) => boolean, onChanged: () => void) {
    this.#list = list;
    this.#onAuthError = onAuthError;
    this.#onChanged = onChanged;
  }

  async load() {
    try {
      this.items = await this.#list();
      this.listError = '';
    } catch (err) {
      if (!this.#onAuthError(err)) this.listError = handleError(err);
    }
  }

  /** The list and the services, sorted by name: call once from an $effect. */
  start() {
    void this.load();
    servicesByName().then(
      (list) => (this.services = list),
      (err) => (this.listError = handleError(err)),
    );
  }

  /** Runs one action on an item; `run` returns the notice to show. */
  async act(key: string, run: () => Promise<string | void>) {
    this.busy = key;
    this.notice = this.actionError = '';
    try {
      this.notice = (await run()) ?? '';
      this.#onChanged();
    } catch (err) {
      if (!this.#onAuthError(err)) this.actionError = handleError(err);
    } finally {
      this.busy = '';
    }
  }
}
