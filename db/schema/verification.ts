import { sql } from 'drizzle-orm';
import { check, index, pgTable, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from './columns.js';
import { users } from './users.js';

/** Identity verification submissions; approval raises the wallet's tier. */
export const verifications = pgTable(
  'verifications',
  {
    id: id(),
    userId: ref('user_id').notNull().references(() => users.id),
    fullName: text('full_name').notNull(),
    documentType: text('document_type').notNull(),
    fileRef: text('file_ref').notNull(),
    fileSha256: text('file_sha256').notNull(),
    targetTier: smallint('target_tier').notNull(),
    status: text().notNull().default('pending'),
    reason: text(),
    reviewedBy: ref('reviewed_by'),
    submitKey: text('submit_key').notNull(),
    createdAt: createdAt(),
    reviewedAt: at('reviewed_at'),
  },
  (t) => [
    uniqueIndex('verifications_submit_key').on(t.submitKey),
    uniqueIndex('verifications_one_pending').on(t.userId).where(sql`${t.status} = 'pending'`),
    index('verifications_pending').on(t.id).where(sql`${t.status} = 'pending'`),
    check('verifications_status_valid', sql`${t.status} in ('pending', 'approved', 'rejected')`),
  ],
);
