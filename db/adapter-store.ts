import { and, asc, eq, gt, isNotNull, lte } from 'drizzle-orm';
import type { AdapterStore } from '../core/ports/chat-store.js';
import type { Platform } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { handledUpdates, platformMessages, verifyAttachments } from './schema/index.js';

const update = (platform: Platform, updateId: string) => and(eq(handledUpdates.platform, platform), eq(handledUpdates.updateId, updateId));

const attachmentOfIdentity = (platform: Platform, platformUserId: string) =>
  and(eq(verifyAttachments.platform, platform), eq(verifyAttachments.platformUserId, platformUserId));

export function createAdapterStore(db: Db): AdapterStore {
  return {
    async claimUpdate(platform, updateId, lease) {
      // one statement, so of two processes claiming at once exactly one gets the row
      const taken = await db
        .insert(handledUpdates)
        .values({ platform, updateId, owner: lease.owner, leaseUntil: lease.until })
        .onConflictDoUpdate({
          target: [handledUpdates.platform, handledUpdates.updateId],
          set: { owner: lease.owner, leaseUntil: lease.until },
          setWhere: and(isNotNull(handledUpdates.leaseUntil), lte(handledUpdates.leaseUntil, lease.now)),
        })
        .returning({ id: handledUpdates.updateId });
      if (taken.length === 1) return 'claimed';
      const [held] = await db.select({ leaseUntil: handledUpdates.leaseUntil }).from(handledUpdates).where(update(platform, updateId));
      // a lease that expired between the two statements is simply claimed on the next try
      return held && held.leaseUntil === null ? 'answered' : 'in_progress';
    },
    async renewUpdate(platform, updateId, owner, until) {
      const rows = await db
        .update(handledUpdates)
        .set({ leaseUntil: until })
        .where(and(update(platform, updateId), eq(handledUpdates.owner, owner), isNotNull(handledUpdates.leaseUntil)))
        .returning({ id: handledUpdates.updateId });
      return rows.length === 1;
    },
    async finishUpdate(platform, updateId, owner) {
      await db.update(handledUpdates).set({ leaseUntil: null }).where(and(update(platform, updateId), eq(handledUpdates.owner, owner)));
    },
    async releaseUpdate(platform, updateId, owner) {
      await db.delete(handledUpdates).where(and(update(platform, updateId), eq(handledUpdates.owner, owner), isNotNull(handledUpdates.leaseUntil)));
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
