import { writtenLanguage } from '../i18n/written-language.js';
import type { Conversation } from './conversation.js';

/**
 * A person who never chose a language (`/language`) is answered in the one they write in, whatever
 * their platform said at first contact; it becomes the wallet's language too, so the alerts the
 * outbox sends later read the same. A message with no language in it (an amount, a code, `@bob`)
 * keeps the one they had. Storing it twice is harmless: it is a preference, not a business event.
 */
export async function followWrittenLanguage(c: Conversation, message: string): Promise<void> {
  if (c.actor.user.localeChosen) return;
  const written = writtenLanguage(message);
  if (!written || written === c.locale) return;
  await c.wallet.followLocale(c.actor.user.id, written);
  c.locale = written;
  c.actor.user = { ...c.actor.user, locale: written };
}
