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
    async find(place, now) {
      const saved = state.questions.get(placeKey(place));
      return saved && saved.expiresAt > now ? copy(saved.question) : undefined;
    },
    async remove(place) {
      return state.questions.delete(placeKey(place));
    },
  };
}
