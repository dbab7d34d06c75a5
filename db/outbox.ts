import { encodeNotice, type Notice } from '../core/notices/index.js';
import type { Platform } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { notifications } from './schema/index.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * Which platforms a notice goes to: `origin` is the platform whose chat already told the person
 * (they did it there), so it is not sent there; `onlyOn` limits it to one platform (a support answer
 * goes where its question was asked). Neither: every platform of the wallet.
 */
export interface NoticeRoute {
  origin?: Platform;
  onlyOn?: Platform;
}

/**
 * Writes a notice into the outbox inside the caller's transaction, so it commits with the change.
 * Its buttons are derived from the notice when it is shown, so none are stored.
 */
export async function notify(tx: DbOrTx, userId: bigint, notice: Notice, route: NoticeRoute = {}): Promise<void> {
  await tx.insert(notifications).values({ userId, ...encodeNotice(notice), originPlatform: route.origin ?? null, targetPlatform: route.onlyOn ?? null });
}
