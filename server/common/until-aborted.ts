/**
 * Settles like `work`, or rejects with the signal's reason once it aborts — for steps that take
 * no AbortSignal themselves (a getaddrinfo lookup, a database write). The work itself is not
 * stopped; callers hand the signal to whatever can be cancelled (sockets, requests, resolvers).
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {}); // its later failure has nobody to tell
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
