import { setTimeout as sleep } from 'node:timers/promises';

/** The updates this process is working on, counted where they enter, so a shutdown can wait for them. */
export interface InFlight {
  /** Runs one update's work and counts it until it settles; its result and error pass through. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** How many updates are being worked on now. */
  readonly size: number;
  /**
   * Waits until no update is being worked on, also those that entered while waiting, for at most
   * `ms`. True when everything finished, false when time ran out first.
   */
  drain(ms: number): Promise<boolean>;
}

/**
 * A stopping process must not cut an update off halfway: a payment confirmed but its receipt
 * never sent is answered again only if the platform redelivers. Counting promises is enough
 * because every adapter awaits the whole update (claim → work → deliver) inside `run`.
 */
export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      const promise = (async () => work())();
      const settled = promise.then(
        () => undefined,
        () => undefined,
      );
      running.add(settled);
      void settled.then(() => running.delete(settled));
      return promise;
    },
    get size() {
      return running.size;
    },
    async drain(ms) {
      const timeUp = new AbortController();
      const deadline = sleep(ms, false, { signal: timeUp.signal, ref: false }).catch(() => false);
      try {
        while (running.size > 0) {
          const done = await Promise.race([Promise.all(running).then(() => true), deadline]);
          if (!done) return false;
        }
        return true;
      } finally {
        timeUp.abort();
      }
    },
  };
}
