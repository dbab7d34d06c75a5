/**
 * Short references people can type: `T` + transfer id, `R` + request id, `S` + support ticket id,
 * in plain decimal digits (T42, R7, S3). Every reference therefore holds a digit, so it can never be mistaken for a word, and
 * what the wallet prints is exactly what it reads back. Ids are not secrets — every use checks
 * who is asking.
 */
export function transferRef(id: string): string {
  return `T${BigInt(id).toString()}`;
}

export function requestRef(id: string): string {
  return `R${BigInt(id).toString()}`;
}

export function ticketRef(id: string): string {
  return `S${BigInt(id).toString()}`;
}

/** A reference as printed: the kind letter, then an id without leading zeros. */
export const REFERENCE = /^[TR][1-9]\d{0,17}$/i;

/** A payment request's public id, as the merchant API, the pay link and the page print it. */
export const PUBLIC_ID = /^pr_[0-9a-f]{32}$/;

/** A ticket reference as printed; apart from {@link REFERENCE}, so no payment command ever reads one. */
export const TICKET_REFERENCE = /^S[1-9]\d{0,17}$/i;

/** The id behind a reference of the given kind, or undefined if it is not exactly one. */
export function idOf(ref: string | undefined, kind: 'T' | 'R' | 'S'): string | undefined {
  const shape = kind === 'S' ? TICKET_REFERENCE : REFERENCE;
  if (!ref || !shape.test(ref) || ref[0]!.toUpperCase() !== kind) return undefined;
  return ref.slice(1);
}

/** A claim as its sender sees it in `/claims` and notices (C + id); a claim is opened by its link, never by this. */
export function claimRef(id: string): string {
  return `C${BigInt(id).toString()}`;
}
