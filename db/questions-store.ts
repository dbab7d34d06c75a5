import { and, eq, gt, lte } from 'drizzle-orm';
import type { ChatPlace, OpenQuestion, QuestionsPort } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { pendingQuestions } from './schema/index.js';

const at = (place: ChatPlace) =>
  and(eq(pendingQuestions.platform, place.platform), eq(pendingQuestions.chatId, place.chatId), eq(pendingQuestions.platformUserId, place.platformUserId));

export function createQuestionsStore(db: Db): QuestionsPort {
  return {
    async save(place, question, expiresAt, now) {
      // questions nobody answered are dropped here, so the table holds only live ones
      await db.delete(pendingQuestions).where(lte(pendingQuestions.expiresAt, now));
      const row = { platform: place.platform, chatId: place.chatId, platformUserId: place.platformUserId, question, expiresAt };
      await db
        .insert(pendingQuestions)
        .values(row)
        .onConflictDoUpdate({ target: [pendingQuestions.platform, pendingQuestions.chatId, pendingQuestions.platformUserId], set: { question, expiresAt } });
    },
    async find(place, now) {
      const [row] = await db
        .select({ question: pendingQuestions.question })
        .from(pendingQuestions)
        .where(and(at(place), gt(pendingQuestions.expiresAt, now)));
      return row?.question as OpenQuestion | undefined;
    },
    async remove(place) {
      const rows = await db.delete(pendingQuestions).where(at(place)).returning({ platform: pendingQuestions.platform });
      return rows.length > 0;
    },
  };
}
