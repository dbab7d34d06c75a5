/** JSON that keeps bigint and Date, for outcomes stored in the database and replayed later. */
export function encodeJson(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, function (this: Record<string, unknown>, key, raw: unknown) {
      const original = this[key];
      if (typeof raw === 'bigint') return { $bigint: raw.toString() };
      if (original instanceof Date) return { $date: original.toISOString() };
      return raw;
    }),
  );
}

export function decodeJson<T>(stored: unknown): T {
  return JSON.parse(JSON.stringify(stored), (_key, value: unknown) => {
    if (value && typeof value === 'object') {
      const tagged = value as { $bigint?: string; $date?: string };
      if (typeof tagged.$bigint === 'string') return BigInt(tagged.$bigint);
      if (typeof tagged.$date === 'string') return new Date(tagged.$date);
    }
    return value;
  }) as T;
}
