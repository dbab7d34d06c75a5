import type { InFlight } from './in-flight.js';
import type { Leases } from './leases.js';
import type { Logger } from './logger.js';

/**
 * What the adapters of one process share: one structured log, one lease owner (so a shutdown gives
 * back exactly this process's claims) and one count of updates in flight (so it waits for them).
 * Each is made fresh when not given, which is what a test running a single adapter wants.
 */
export interface ProcessDeps {
  logger?: Logger;
  leases?: Leases;
  inFlight?: InFlight;
}
