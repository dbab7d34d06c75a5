/** Latency figures of one scenario, in milliseconds, and its completed operations per second. */
export interface Measurement {
  operations: number;
  failures: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Runs `workers` loops for `seconds`, each awaiting `operation(worker, i)` back to back, and
 * times every call. An operation answers false for an expected refusal (counted, not timed out).
 */
export async function runClosedLoop(
  workers: number,
  seconds: number,
  operation: (worker: number, iteration: number) => Promise<boolean>,
): Promise<Measurement> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        const ok = await operation(worker, i);
        latencies.push(performance.now() - t0);
        if (!ok) failures += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    operations: latencies.length,
    failures,
    perSecond: (latencies.length - failures) / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
