import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/** Platform updates already answered, so a redelivered update is not answered twice. */
export const handledUpdates = pgTable(
  'handled_updates',
  {
    platform: text().notNull(),
    updateId: text('update_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.updateId] })],
);

/** Where a platform message that later edits update lives (a request card in a group). */
export const platformMessages = pgTable(
  'platform_messages',
  {
    platform: text().notNull(),
    ref: text().notNull(),
    chatId: text('chat_id').notNull(),
    messageId: text('message_id').notNull(),
    /** What the message shows now (a card's request status), so a sweep knows what changed. */
    shown: text().notNull().default('open'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.ref] })],
);
