import { and, eq, gt, isNotNull, lte, or, sql } from 'drizzle-orm';
import type { AdapterStore } from '../core/ports/chat-store.js';
import type { Platform } from '../core/ports/index.js';
import { rowsOf, type Db } from './connect.js';
import { handledUpdates, platformMessages, verifyAttachments } from './schema/index.js';

const update = (platform: Platform, updateId: string) => and(eq(handledUpdates.platform, platform), eq(handledUpdates.updateId, updateId));

const attachmentOfIdentity = (platform: Platform, platformUserId: string) =>
  and(eq(verifyAttachments.platform, platform), eq(verifyAttachments.platformUserId, platformUserId));

/** A message's stored language, left out when it was posted before languages were kept. */
function withLocale<T extends { locale: string | null }>({ locale, ...rest }: T): Omit<T, 'locale'> & { locale?: string } {
  return locale === null ? rest : { ...rest, locale };
}

export function createAdapterStore(db: Db): AdapterStore {
  return {
    async claimUpdate(platform, updateId, lease) {
      // one statement, so of two processes claiming at once exactly one gets the row
      const until = new Date(lease.now.getTime() + lease.leaseMs);
      const taken = await db
        .insert(handledUpdates)
        .values({ platform, updateId, owner: lease.owner, leaseUntil: until })
        .onConflictDoUpdate({
          target: [handledUpdates.platform, handledUpdates.updateId],
          set: { owner: lease.owner, leaseUntil: until },
          // a live lease is taken only by its own owner again (its first claim's answer was lost)
          setWhere: and(isNotNull(handledUpdates.leaseUntil), or(lte(handledUpdates.leaseUntil, lease.now), eq(handledUpdates.owner, lease.owner))),
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
    async saveMessage(platform, ref, message) {
      await db
        .insert(platformMessages)
        .values({ platform, ref, ...message })
        .onConflictDoUpdate({ target: [platformMessages.platform, platformMessages.ref], set: message });
    },
    async findMessage(platform, ref) {
      const [row] = await db
        .select({ chatId: platformMessages.chatId, messageId: platformMessages.messageId, shown: platformMessages.shown, locale: platformMessages.locale })
        .from(platformMessages)
        .where(and(eq(platformMessages.platform, platform), eq(platformMessages.ref, ref)));
      return row && withLocale(row);
    },
    async claimMessagesShowing(platform, shown, limit, { owner, now, leaseMs }) {
      // `for update skip locked` here, not a lease table: the claim and its stamp live on the card's
      // own row, and a second process skips the rows the first is claiming (or, once it committed,
      // re-reads them and sees the live lease or the changed status), so no card is taken twice.
      // They come back in the order they were picked: a round that stops early has looked at the
      // ones that waited longest.
      const rows = await db.execute(sql`
        with claimed as (
          update platform_messages m
             set lease_owner = ${owner}, lease_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz,
                 checked_at = ${now.toISOString()}::timestamptz
            from (select platform, ref, checked_at as looked_at from platform_messages
                   where platform = ${platform} and shown = ${shown}
                     and (lease_until is null or lease_until <= ${now.toISOString()}::timestamptz)
                   order by checked_at nulls first, created_at, ref
                   limit ${limit}
                   for update skip locked) picked
           where m.platform = picked.platform and m.ref = picked.ref
          returning m.ref, m.chat_id, m.message_id, m.locale, m.created_at, picked.looked_at)
        select ref, chat_id, message_id, locale from claimed order by looked_at nulls first, created_at, ref`);
      return rowsOf<{ ref: string; chat_id: string; message_id: string; locale: string | null }>(rows).map((row) =>
        withLocale({ ref: row.ref, chatId: row.chat_id, messageId: row.message_id, locale: row.locale }),
      );
    },
    async releaseMessages(platform, owner) {
      await db
        .update(platformMessages)
        .set({ leaseOwner: null, leaseUntil: null })
        .where(and(eq(platformMessages.platform, platform), eq(platformMessages.leaseOwner, owner)));
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
