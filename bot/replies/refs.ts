/**
 * Short references people can type: `T` + transfer id, `R` + request id, in base 36
 * (T2B, R1A). Ids are not secrets — every use checks who is asking.
 */
export function transferRef(id: string): string {
  return `T${BigInt(id).toString(36).toUpperCase()}`;
}

export function requestRef(id: string): string {
  return `R${BigInt(id).toString(36).toUpperCase()}`;
}

/** The id behind a reference of the given kind, or undefined if it is not one. */
export function idOf(ref: string | undefined, kind: 'T' | 'R'): string | undefined {
  if (!ref || !new RegExp(`^${kind}[0-9A-Z]{1,12}$`, 'i').test(ref)) return undefined;
  let id = 0n;
  for (const digit of ref.slice(1).toLowerCase()) id = id * 36n + BigInt(parseInt(digit, 36));
  return id.toString();
}
