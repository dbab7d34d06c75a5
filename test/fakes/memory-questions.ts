import type { ChatPlace, QuestionsPort } from '../../core/ports/index.js';
import { copy, type MemoryState } from './memory-state.js';

const placeKey = (place: ChatPlace) => JSON.stringify([place.platform, place.chatId, place.platformUserId]);

/** Open questions, one per person and chat, live until their expiry at the caller's `now`. */
export function memoryQuestions(state: MemoryState): QuestionsPort {
  return {
    async save(place, question, expiresAt, now) {
      for (const [key, saved] of state.questions) if (saved.expiresAt <= now) state.questions.delete(key);
      state.questions.set(placeKey(place), { question: copy(question), expiresAt });
    },
    async find(place, now, reader) {
      const saved = state.questions.get(placeKey(place));
      const readable = saved && (saved.forgottenBy === undefined || saved.forgottenBy === reader);
      return readable && saved.expiresAt > now ? copy(saved.question) : undefined;
    },
    async remove(place, by) {
      const saved = state.questions.get(placeKey(place));
      if (!saved || (saved.forgottenBy !== undefined && saved.forgottenBy !== by)) return false;
      saved.forgottenBy = by;
      return true;
    },
  };
}
