import type { WalletContext } from '../context.js';
import type { ChatPlace, OpenQuestion } from '../ports/index.js';

/** How long a question waits for its answer, like a challenge waits for its code. */
export const QUESTION_TTL_MS = 5 * 60_000;

/**
 * Remembers the question the bot just asked in this chat (“How much?”), so the person's next
 * message there can answer it. It lives in the database, not in a process: a restart or another
 * process behind the same bot continues the conversation. Asking again replaces it.
 */
export function askLater(ctx: WalletContext, place: ChatPlace, question: OpenQuestion): Promise<void> {
  const now = ctx.clock.now();
  return ctx.store.questions.save(place, question, new Date(now.getTime() + QUESTION_TTL_MS), now);
}

/**
 * The question waiting in this chat, if it was asked less than {@link QUESTION_TTL_MS} ago by the
 * wallet's clock (never the database's, so tests and replays judge expiry alike). `reader`, the
 * message's key, also finds the question that same message forgot: its redelivery after a crash
 * answers it again (keyed, so nothing happens twice) instead of finding nothing to answer.
 */
export function openQuestion(ctx: WalletContext, place: ChatPlace, reader?: string): Promise<OpenQuestion | undefined> {
  return ctx.store.questions.find(place, ctx.clock.now(), reader);
}

/**
 * Forgets the question of this chat: message `by` answered it, or a new command replaced it. True
 * if there was one. Kept for `by`'s redelivery, see {@link openQuestion}.
 */
export function forgetQuestion(ctx: WalletContext, place: ChatPlace, by: string): Promise<boolean> {
  return ctx.store.questions.remove(place, by);
}
