import { freezeIntent } from './freeze-words.js';
import type { IntentKind } from './intent.js';
import { LEXICON } from './lexicon.js';
import { normalise } from './normalise.js';

/**
 * What a free-text message asks for, wherever its words stand: the freeze words first (a message
 * that asks to stop money leaving is a freeze whatever else it says), then the lexicon in its
 * order. Undefined when nothing is asked — perhaps the message answers a question.
 */
export function recognise(message: string): IntentKind | undefined {
  const s = normalise(message);
  return freezeIntent(s) ?? LEXICON.find(([, pattern]) => pattern.test(s))?.[0];
}
