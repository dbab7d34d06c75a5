import type { WalletContext } from '../context.js';
import type { ChatPlace } from '../ports/index.js';

/** After this many messages in a row the bot did not understand, it offers a person's help. */
export const MISREADINGS_BEFORE_HELP = 3;

/**
 * Counts a message the bot did not understand in this chat and says whether it is time to offer
 * `/support`: at every {@link MISREADINGS_BEFORE_HELP}th in a row, so someone stuck is offered a
 * person without being told so on every line. Keyed by the message, so a redelivered update is
 * not counted twice, and kept in the database so “in a row” holds across restarts and processes.
 */
export async function misread(ctx: WalletContext, place: ChatPlace, key: string): Promise<boolean> {
  const inARow = await ctx.store.misreadings.count(place, key);
  return inARow % MISREADINGS_BEFORE_HELP === 0;
}

/** An understood message ends the run of misreadings in its chat. */
export function understood(ctx: WalletContext, place: ChatPlace): Promise<void> {
  return ctx.store.misreadings.reset(place);
}
