import type { IdentityRef } from './users.js';

/** One person in one chat: where a question was asked and where its answer must come from. */
export interface ChatPlace extends IdentityRef {
  /** The platform's chat (a direct chat, a group, a channel; the console's room or direct chat). */
  chatId: string;
}

/**
 * A question the bot asked, as the conversation layer wrote it: opaque JSON to the core (the
 * intent still missing a part, which part, and the question's words), so storage never needs to
 * know the conversation layer's types.
 */
export type OpenQuestion = Record<string, unknown>;

/** Open questions, one per person and chat, kept in the database so any process can take the answer. */
export interface QuestionsPort {
  /** Keeps the question until `expiresAt`, replacing one asked earlier in the same place; drops any expired at `now`. */
  save(place: ChatPlace, question: OpenQuestion, expiresAt: Date, now: Date): Promise<void>;
  /** The question still open at `now` in this place, if any; also one `reader` itself forgot (see `remove`). */
  find(place: ChatPlace, now: Date, reader?: string): Promise<OpenQuestion | undefined>;
  /**
   * Forgets the question of this place for everyone but the message `by` that answered or replaced
   * it: that message, redelivered after its process died, reads it again and does the same; true
   * if there was one (also again for that message).
   */
  remove(place: ChatPlace, by: string): Promise<boolean>;
}
