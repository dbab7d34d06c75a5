import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { ChatPlace, OpenQuestion, QuestionsPort } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { pendingQuestions } from './schema/index.js';

const at = (place: ChatPlace) =>
  and(eq(pendingQuestions.platform, place.platform), eq(pendingQuestions.chatId, place.chatId), eq(pendingQuestions.platformUserId, place.platformUserId));

/** Not forgotten, or forgotten by this very message (its redelivery). */
const readableBy = (reader: string | undefined) =>
  reader === undefined ? isNull(pendingQuestions.forgottenBy) : or(isNull(pendingQuestions.forgottenBy), eq(pendingQuestions.forgottenBy, reader));

export function createQuestionsStore(db: Db): QuestionsPort {
  return {
    async save(place, question, expiresAt, now) {
      // questions nobody answered are dropped here, so the table holds only live ones
      await db.delete(pendingQuestions).where(lte(pendingQuestions.expiresAt, now));
      const row = { platform: place.platform, chatId: place.chatId, platformUserId: place.platformUserId, question, expiresAt };
      await db
        .insert(pendingQuestions)
        .values(row)
        .onConflictDoUpdate({ target: [pendingQuestions.platform, pendingQuestions.chatId, pendingQuestions.platformUserId], set: { question, expiresAt, forgottenBy: null } });
    },
    async find(place, now, reader) {
      const [row] = await db
        .select({ question: pendingQuestions.question })
        .from(pendingQuestions)
        .where(and(at(place), gt(pendingQuestions.expiresAt, now), readableBy(reader)));
      return row?.question as OpenQuestion | undefined;
    },
    async remove(place, by) {
      const rows = await db
        .update(pendingQuestions)
        .set({ forgottenBy: by })
        .where(and(at(place), readableBy(by)))
        .returning({ platform: pendingQuestions.platform });
      return rows.length > 0;
    },
  };
}
