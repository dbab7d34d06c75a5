import { freezeIntent } from './freeze-words.js';
import type { IntentKind } from './intent.js';
import { LEXICON } from './lexicon.js';
import { normalise } from './normalise.js';
import { notAnOrder } from './not-an-order.js';

/**
 * What a free-text message asks for, wherever its words stand, in this precedence:
 *
 * 1. a message to someone else is read only for its opening: an operator's `reply S1 …` / `回复 S1 …`
 *    is a reply, and a message that opens by asking for support (`contact support …`, `客服 …`,
 *    `联系客服 …`) is a support ticket, whatever the rest says — “reply S1 please freeze your wallet”
 *    asks the user to freeze, it never freezes the operator, and a ticket about theft reaches a person;
 * 2. otherwise the freeze words (a message that asks to stop money leaving is a freeze whatever else
 *    it says); a suspicion that only asks whether to freeze gives way to a request for a person
 *    (“my money is gone, customer service please”): an operator can still freeze the wallet;
 * 3. then the lexicon in its order, where a payment named but not ordered — asked about, or said not
 *    to have happened (`notAnOrder`) — is read for what it is instead.
 *
 * Undefined when nothing is asked — perhaps the message answers a question.
 */
export function recognise(message: string): IntentKind | undefined {
  const s = normalise(message);
  const addressed = ADDRESSED.find(([, opening]) => opening.test(s))?.[0];
  if (addressed) return addressed;
  const freeze = freezeIntent(s);
  const asked = LEXICON.find(([, pattern]) => pattern.test(s))?.[0];
  if (freeze === 'ask_freeze' && asked === 'support') return asked;
  if (freeze) return freeze;
  return asked && (notAnOrder(asked, s) ?? asked);
}

/** Openings that address a message to someone else: an operator's reply, or a request for support. */
const ADDRESSED: [IntentKind, RegExp][] = [
  ['reply', /^\s*(reply|answer|respond|回复|答复)\s+(to\s+)?s[1-9]\d*\s/],
  ['support', new RegExp([
    /^\s*((please|pls|hey|hi)\s+)?(contact|call|reach|message|email|get)\s+((the|okpay|your)\s+)?(support|customer (service|support|care)|help ?desk|an?\s+(human|agent|operator|person))\b/.source,
    /^\s*(customer (service|support|care)|tech support|support team)\b/.source,
    /^\s*((i want to|i need to|can i|let me)\s+)?(talk|speak|chat)\s+(to|with)\s+((a|an|the|your|some|real|actual|live)\s+){0,2}(support|human|agent|operator|person|staff)\b/.source,
    /^\s*support\s+(my|i|im|the|please|pls|me|we|our|it|this|there|someone|urgent|hello|hi|help)\b/.source,
    /^\s*(请|麻烦)?(帮我)?(联系客服|人工客服|客服|联系支持|技术支持|找人工|转人工)/.source,
  ].join('|'))],
];
