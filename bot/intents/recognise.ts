import { freezeIntent } from './freeze-words.js';
import type { IntentKind } from './intent.js';
import { LEXICON } from './lexicon.js';
import { normalise } from './normalise.js';

/**
 * What a free-text message asks for, wherever its words stand: the freeze words first (a message
 * that asks to stop money leaving is a freeze whatever else it says), then the lexicon in its
 * order. A suspicion that only asks whether to freeze gives way to a request for a person
 * (“客服 我的钱不见了”): the person asked for help, and an operator can still freeze the wallet.
 * Undefined when nothing is asked — perhaps the message answers a question.
 */
export function recognise(message: string): IntentKind | undefined {
  const s = normalise(message);
  const freeze = freezeIntent(s);
  const asked = LEXICON.find(([, pattern]) => pattern.test(s))?.[0];
  if (freeze === 'ask_freeze' && asked === 'support') return asked;
  return freeze ?? asked;
}
