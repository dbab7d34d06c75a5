import { bigint, bigserial, timestamp } from 'drizzle-orm/pg-core';

export const id = () => bigserial({ mode: 'bigint' }).primaryKey();
export const ref = (name: string) => bigint(name, { mode: 'bigint' });
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const at = (name: string) => timestamp(name, { withTimezone: true });
