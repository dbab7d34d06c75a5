/**
 * Runs an outbox delivery round every 2 s, never two at once. After a round that asks to retry
 * later (network, rate limits), waits 2, 4, 8 … up to 120 s before the next one. Returns a stop.
 */
export function startDeliveryLoop(name: string, round: () => Promise<{ retryLater: boolean }>, afterRound: () => Promise<void>): () => void {
  let delivering = false;
  let failures = 0;
  let nextAttempt = 0;
  const timer = setInterval(() => {
    if (delivering || Date.now() < nextAttempt) return;
    delivering = true;
    round()
      .then(async ({ retryLater }) => {
        failures = retryLater ? failures + 1 : 0;
        nextAttempt = failures ? Date.now() + Math.min(2_000 * 2 ** failures, 120_000) : 0;
        await afterRound();
      })
      .catch((error: unknown) => console.error(`${name} notices:`, error))
      .finally(() => (delivering = false));
  }, 2_000);
  return () => clearInterval(timer);
}
