/** Raw SQL rows come back as bigint from PGlite and as text from postgres.js; these even that out. */
export function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' || typeof value === 'string') return BigInt(value);
  throw new TypeError(`expected an integer, got ${typeof value}`);
}

export function toOptionalBigInt(value: unknown): bigint | undefined {
  return value === null || value === undefined ? undefined : toBigInt(value);
}

export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string') return new Date(value);
  throw new TypeError(`expected a timestamp, got ${typeof value}`);
}

/** Postgres codes that mean "nothing happened, run the same statement again". */
const RETRYABLE = new Set(['40P01', '40001']);

/** Retries a whole atomic statement after a deadlock or serialization failure, with jitter. */
export async function withRetry<T>(run: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !RETRYABLE.has(postgresCode(error) ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}

function postgresCode(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
