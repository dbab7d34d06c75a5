import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { LeaseTerms } from '../../core/ports/leases.js';

/**
 * How this process holds work that another process could also take (an update being answered,
 * a notice being sent, a card being refreshed): under its own name, for a limited time. An update
 * being answered renews its lease; a notice round stops at half of it. A process that dies leaves
 * leases that expire, and the work is taken over. The owner's name lets a shutdown give back
 * exactly its own leases.
 */
export type Leases = LeaseTerms;

export const DEFAULT_LEASE_MS = 30_000;

/** A lease owner unique to this process (host, pid and a random tail, since pids are reused). */
export function processLeases(ms: number = DEFAULT_LEASE_MS): Leases {
  return { owner: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`, ms };
}
