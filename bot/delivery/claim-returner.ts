import type { Wallet } from '../../core/wallet.js';
import { evidenceOf } from './evidence.js';
import type { Leases } from './leases.js';
import type { Logger } from './logger.js';

/**
 * Gives unclaimed money back once its claim expired, by the wallet's clock, with a notice to the
 * sender that the next notice round sends. It runs beside every notice round, on every platform:
 * each claim due is leased to this process (`FOR UPDATE SKIP LOCKED`), and given back in one keyed
 * transaction that re-checks it is still open, so several processes never return one twice, and a
 * claim whose process died is taken again once its lease runs out. A claim that expired while no
 * process ran is simply due at the next round. A fault is logged and tried again next round.
 */
export async function returnExpiredClaims(wallet: Wallet, leases: Leases, logger?: Logger, limit = 50): Promise<number> {
  try {
    const returned = await wallet.returnExpiredClaims(limit, leases);
    if (returned > 0) logger?.info({ returned }, 'expired claims given back');
    return returned;
  } catch (error) {
    logger?.warn({ ...evidenceOf(error) }, 'expired claims not given back, tried again next round');
    return 0;
  }
}
