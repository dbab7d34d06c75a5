import { createHash } from 'node:crypto';
import { fail, ok, type Outcome } from './errors.js';

export const MAX_KEY_LENGTH = 200;

/** Keys come from adapters (update ids, interaction ids, HTTP headers); refuse ones that cannot be stored. */
export function checkKey(key: string): Outcome<string> {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    return fail('idempotency.invalid_key', { max: MAX_KEY_LENGTH });
  }
  return ok(key);
}

/**
 * Hash of an operation and its input. Stored beside the key so that a retry with the same
 * key but another amount or payee is refused instead of silently answered with the old result.
 */
export function fingerprint(operation: string, input: Record<string, unknown>): string {
  const canonical = JSON.stringify([operation, input], (_name, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}
