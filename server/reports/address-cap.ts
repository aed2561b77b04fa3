/** Salted hash of the reporter's address (IPv6 by its /64), and the service reported. */
export interface FromAddress {
  service: string;
  addressHash: string;
}

/**
 * At most `perAddress` counted reports per service and window from one address, however many
 * User-Agents it rotates through. The k-th report of (service, address, slot) takes the `_id`
 * `<service>:<address>:<slot>:<k>`, for k < perAddress: the database's unique `_id` lets
 * only one report have it, in any process. Each process hands out the next k it believes free;
 * a collision (another process took it) moves that report on to the next k.
 */
export function createAddressCap(windowMs: number, perAddress: number) {
  /**
   * Next k to hand out per service, address and slot; forgotten when the slot ends. A window,
   * not a cache (so no LRU): it holds only the current slot and is replaced whole at its boundary.
   */
  let next = new Map<string, number>();
  let nextSlot = NaN;

  /** The `_id` the item's report would take, or undefined when its address used up the window. */
  function assign(item: FromAddress, at: number): string | undefined {
    const slot = Math.floor(at / windowMs);
    if (slot !== nextSlot) {
      next = new Map();
      nextSlot = slot;
    }
    const key = `${item.service}:${item.addressHash}:${slot}`;
    const k = next.get(key) ?? 0;
    if (k >= perAddress) return undefined;
    next.set(key, k + 1);
    return `${key}:${k}`;
  }

  /** Places were given back (a failed batch, a repeat): the next try starts again from k = 0. */
  function forget(): void {
    next.clear();
  }

  return { assign, forget };
}
