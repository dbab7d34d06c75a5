import type { NotificationAction } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { notifications } from './schema/index.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/** Writes a notice into the outbox inside the caller's transaction, so it commits with the change. */
export async function notify(
  tx: DbOrTx,
  userId: bigint,
  kind: string,
  params: Record<string, string | number | null> = {},
  actions: NotificationAction[] = [],
): Promise<void> {
  await tx.insert(notifications).values({ userId, kind, params, actions });
}
