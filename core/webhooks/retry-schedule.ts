import type { AttemptOutcome } from '../ports/index.js';

/** How long an event is retried, counted from its first attempt by the wallet's clock. */
export const RETRY_WINDOW_MS = 3 * 24 * 3_600_000;
const FIRST_DELAY_MS = 60_000;
const MAX_DELAY_MS = 6 * 3_600_000;

/**
 * After attempt `number` (1-based) at `now`: success ends it; a failure waits 1, 2, 4 … minutes up
 * to 6 hours, times a jitter of 0.75–1.25 (`random` in [0, 1)) so that endpoints coming back up are
 * not hit by every sender at once. The last try is at the end of the 3 days; after it, `failed`.
 */
export function outcomeOf(succeeded: boolean, number: number, firstAt: Date, now: Date, random: number): AttemptOutcome {
  if (succeeded) return { state: 'succeeded' };
  const deadline = firstAt.getTime() + RETRY_WINDOW_MS;
  if (now.getTime() >= deadline) return { state: 'failed' };
  const delay = Math.min(FIRST_DELAY_MS * 2 ** (number - 1), MAX_DELAY_MS) * (0.75 + 0.5 * random);
  return { state: 'pending', nextAt: new Date(Math.min(now.getTime() + Math.round(delay), deadline)) };
}
