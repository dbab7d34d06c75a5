import { randomBytes } from 'node:crypto';
import type { Clock, IdentityRef, WalletStore } from '../../core/ports/index.js';
import { createWallet } from '../../core/wallet.js';
import { directMoves } from './direct-moves.js';

/**
 * The wallet the tests drive, over whichever store holds it (the database or the in-memory one):
 * a fresh secret key, the test's clock and operators, and direct moves for arranging balances.
 */
export function walletOnStore(store: WalletStore, options: { clock?: Clock; operators?: IdentityRef[] }) {
  const clock = options.clock ?? { now: () => new Date() };
  const wallet = createWallet({ store, secretKey: randomBytes(32), clock, operators: options.operators ?? [] });
  return { wallet, moves: directMoves(store, clock) };
}
