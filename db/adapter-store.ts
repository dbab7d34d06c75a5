import { and, asc, eq, gt } from 'drizzle-orm';
import type { AdapterStore } from '../core/ports/chat-store.js';
import type { Platform } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { handledUpdates, platformMessages, verifyAttachments } from './schema/index.js';

const attachmentOfIdentity = (platform: Platform, platformUserId: string) =>
  and(eq(verifyAttachments.platform, platform), eq(verifyAttachments.platformUserId, platformUserId));

export function createAdapterStore(db: Db): AdapterStore {
  return {
    async markHandled(platform, updateId) {
      const rows = await db.insert(handledUpdates).values({ platform, updateId }).onConflictDoNothing().returning({ id: handledUpdates.updateId });
      return rows.length === 1;
    },
    async releaseHandled(platform, updateId) {
      await db.delete(handledUpdates).where(and(eq(handledUpdates.platform, platform), eq(handledUpdates.updateId, updateId)));
    },
    async saveMessage(platform, ref, location) {
      await db
        .insert(platformMessages)
        .values({ platform, ref, ...location })
        .onConflictDoUpdate({ target: [platformMessages.platform, platformMessages.ref], set: location });
    },
    async findMessage(platform, ref) {
      const [row] = await db
        .select({ chatId: platformMessages.chatId, messageId: platformMessages.messageId, shown: platformMessages.shown })
        .from(platformMessages)
        .where(and(eq(platformMessages.platform, platform), eq(platformMessages.ref, ref)));
      return row;
    },
    async messagesShowing(platform, shown, limit) {
      return db
        .select({ ref: platformMessages.ref, chatId: platformMessages.chatId, messageId: platformMessages.messageId })
        .from(platformMessages)
        .where(and(eq(platformMessages.platform, platform), eq(platformMessages.shown, shown)))
        .orderBy(asc(platformMessages.createdAt))
        .limit(limit);
    },
    async keepAttachment(platform, platformUserId, attachment, keptAt) {
      await db
        .insert(verifyAttachments)
        .values({ platform, platformUserId, ...attachment, keptAt })
        .onConflictDoUpdate({ target: [verifyAttachments.platform, verifyAttachments.platformUserId], set: { ...attachment, keptAt } });
    },
    async attachmentOf(platform, platformUserId, keptSince) {
      const [row] = await db
        .select({ ref: verifyAttachments.ref, sha256: verifyAttachments.sha256 })
        .from(verifyAttachments)
        .where(and(attachmentOfIdentity(platform, platformUserId), gt(verifyAttachments.keptAt, keptSince)));
      return row;
    },
    async dropAttachment(platform, platformUserId) {
      await db.delete(verifyAttachments).where(attachmentOfIdentity(platform, platformUserId));
    },
  };
}
