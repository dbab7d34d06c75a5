import { encodeNotice, type Notice } from '../core/notices/index.js';
import type { Platform } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { notifications } from './schema/index.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * Writes a notice into the outbox inside the caller's transaction, so it commits with the change.
 * Its buttons are derived from the notice when it is shown, so none are stored. With `onlyOn`, it
 * is delivered on that platform only (an answer goes where its question was asked).
 */
export async function notify(tx: DbOrTx, userId: bigint, notice: Notice, onlyOn?: Platform): Promise<void> {
  await tx.insert(notifications).values({ userId, ...encodeNotice(notice), targetPlatform: onlyOn ?? null });
}
