import { index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { at } from './columns.js';

/**
 * The question the bot is waiting to have answered, one per person and chat (“How much?” after
 * `send to @bob`). Expiry is written from the wallet's clock and compared with the time the
 * wallet passes in, never the database's `now()`.
 */
export const pendingQuestions = pgTable(
  'pending_questions',
  {
    platform: text().notNull(),
    chatId: text('chat_id').notNull(),
    platformUserId: text('platform_user_id').notNull(),
    question: jsonb().notNull(),
    expiresAt: at('expires_at').notNull(),
    /** The message that answered or replaced it: gone for every other reader, still there for that message's redelivery. */
    forgottenBy: text('forgotten_by'),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId, t.platformUserId] }), index('pending_questions_expires').on(t.expiresAt)],
);
