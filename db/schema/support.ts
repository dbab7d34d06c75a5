import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from './columns.js';
import { users } from './users.js';

/**
 * Support tickets: what a person wrote with `/support`, and the platform, identity and chat it came
 * from, where the answer goes. `opened_at` and `answered_at` are the wallet's clock; `created_at`
 * is the audit column. One ticket per message key, so a redelivered update opens none twice.
 */
export const supportTickets = pgTable(
  'support_tickets',
  {
    id: id(),
    userId: ref('user_id').notNull().references(() => users.id),
    platform: text().notNull(),
    platformUserId: text('platform_user_id').notNull(),
    chatId: text('chat_id').notNull(),
    text: text().notNull(),
    status: text().notNull().default('open'),
    openKey: text('open_key').notNull(),
    openedAt: at('opened_at').notNull(),
    answeredAt: at('answered_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('support_tickets_open_key').on(t.openKey),
    index('support_tickets_open').on(t.id).where(sql`${t.status} = 'open'`),
    index('support_tickets_user').on(t.userId, t.id),
    check('support_tickets_status_valid', sql`${t.status} in ('open', 'answered')`),
  ],
);

/** Operators' answers to tickets, one per message key. */
export const supportAnswers = pgTable(
  'support_answers',
  {
    id: id(),
    ticketId: ref('ticket_id').notNull().references(() => supportTickets.id),
    operatorId: ref('operator_id').notNull().references(() => users.id),
    text: text().notNull(),
    answerKey: text('answer_key').notNull(),
    answeredAt: at('answered_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('support_answers_answer_key').on(t.answerKey), index('support_answers_ticket').on(t.ticketId)],
);

/**
 * Messages in a row the bot did not understand, per person and chat (like pending questions):
 * `last_key` is the latest one counted, so its redelivery is not counted again.
 */
export const misreadings = pgTable(
  'misreadings',
  {
    platform: text().notNull(),
    chatId: text('chat_id').notNull(),
    platformUserId: text('platform_user_id').notNull(),
    inARow: integer('in_a_row').notNull(),
    lastKey: text('last_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId, t.platformUserId] })],
);
