/**
 * The `default` of an exhaustive `switch`: the compiler rejects the call while a case is missing,
 * and a value that slipped past the types (old stored data) fails loudly instead of silently.
 */
export function unreachable(value: never, what: string): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`);
}
