import { and, desc, eq, isNull } from 'drizzle-orm';
import { notices } from '../core/notices/index.js';
import type { Keyed, Platform, SupportPort, Ticket } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { notify } from './outbox.js';
import { identities, supportAnswers, supportTickets } from './schema/index.js';

type Row = typeof supportTickets.$inferSelect;

function toTicket(row: Row): Ticket {
  return {
    id: row.id.toString(),
    userId: row.userId.toString(),
    from: { platform: row.platform as Platform, platformUserId: row.platformUserId, chatId: row.chatId },
    text: row.text,
    status: row.status as Ticket['status'],
    openedAt: row.openedAt,
    ...(row.answeredAt ? { answeredAt: row.answeredAt } : {}),
  };
}

const isRowId = (id: string) => /^\d{1,18}$/.test(id);

/**
 * Tickets and answers. Each write inserts under its unique key with `on conflict do nothing` and
 * writes its notices only if the row is new, in one transaction: a redelivered message finds its
 * row and tells nobody again; two deliveries at once settle on the unique index.
 */
export function createSupportStore(db: Db): SupportPort {
  const byId = async (id: bigint) => (await db.select().from(supportTickets).where(eq(supportTickets.id, id)))[0];
  return {
    async open(input) {
      const fresh = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(supportTickets)
          .values({
            userId: BigInt(input.userId),
            platform: input.from.platform,
            platformUserId: input.from.platformUserId,
            chatId: input.from.chatId,
            text: input.text,
            openKey: input.openKey,
            openedAt: input.openedAt,
          })
          .onConflictDoNothing()
          .returning();
        if (!row) return undefined;
        const ticket = toTicket(row);
        for (const operatorId of input.operatorIds) if (operatorId !== ticket.userId) await notify(tx, BigInt(operatorId), notices.ticketOpened(ticket));
        return ticket;
      });
      if (fresh) return { done: fresh };
      const [earlier] = await db.select().from(supportTickets).where(eq(supportTickets.openKey, input.openKey));
      const same = earlier && earlier.userId.toString() === input.userId && earlier.text === input.text;
      return same ? { done: toTicket(earlier) } : { conflict: true };
    },

    async answer(input): Promise<Keyed<Ticket> | undefined> {
      if (!isRowId(input.ticketId)) return undefined;
      const ticketId = BigInt(input.ticketId);
      const fresh = await db.transaction(async (tx) => {
        const [ticket] = await tx.select().from(supportTickets).where(eq(supportTickets.id, ticketId)).for('update');
        if (!ticket) return 'missing' as const;
        const [inserted] = await tx
          .insert(supportAnswers)
          .values({ ticketId, operatorId: BigInt(input.operatorId), text: input.text, answerKey: input.answerKey, answeredAt: input.answeredAt })
          .onConflictDoNothing()
          .returning({ id: supportAnswers.id });
        if (!inserted) return undefined;
        const [row] = await tx
          .update(supportTickets)
          .set({ status: 'answered', answeredAt: input.answeredAt })
          .where(eq(supportTickets.id, ticketId))
          .returning();
        // where the ticket was written, while that identity is still the wallet's; after an unlink, every chat of the wallet
        const [stillThere] = await tx
          .select({ id: identities.id })
          .from(identities)
          .where(and(eq(identities.userId, ticket.userId), eq(identities.platform, ticket.platform), eq(identities.platformUserId, ticket.platformUserId), isNull(identities.detachedAt)));
        await notify(tx, ticket.userId, notices.ticketAnswered(input.ticketId, input.text), stillThere ? { onlyOn: ticket.platform as Platform } : {});
        return toTicket(row!);
      });
      if (fresh === 'missing') return undefined;
      if (fresh) return { done: fresh };
      const [earlier] = await db.select().from(supportAnswers).where(eq(supportAnswers.answerKey, input.answerKey));
      const same = earlier && earlier.ticketId === ticketId && earlier.operatorId.toString() === input.operatorId && earlier.text === input.text;
      const ticket = same ? await byId(ticketId) : undefined;
      return ticket ? { done: toTicket(ticket) } : { conflict: true };
    },

    async get(id) {
      const row = isRowId(id) ? await byId(BigInt(id)) : undefined;
      return row && toTicket(row);
    },

    async listOpen(limit) {
      const rows = await db.select().from(supportTickets).where(eq(supportTickets.status, 'open')).orderBy(desc(supportTickets.id)).limit(limit);
      return rows.map(toTicket);
    },

    async listForUser(userId, limit) {
      const rows = await db
        .select()
        .from(supportTickets)
        .where(eq(supportTickets.userId, BigInt(userId)))
        .orderBy(desc(supportTickets.id))
        .limit(limit);
      return rows.map(toTicket);
    },
  };
}
