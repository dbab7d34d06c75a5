import { fail, ok, type Outcome } from '../errors.js';
import { codePointLength, wellFormed } from '../text.js';

export const MAX_MERCHANT_NAME = 40;

/** Control, format (zero-width, bidi), private-use, unassigned and line/paragraph separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;
/** Any space but the plain one: a name with U+3000 or U+00A0 looks like another name. */
const ODD_SPACE = /[^\S ]|[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/u;
/** Scripts whose letters pass for Latin ones (Cyrillic о, Greek ο). */
const LOOK_ALIKE = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
const LATIN = /\p{Script=Latin}/u;
/** `@` and brackets read as a handle beside the name on a card: `@mallory (@bob)`. */
const HANDLE_LIKE = /[@＠()[\]{}<>（）【】「」〈〉《》]/u;
/** A scheme, `www.` or a dotted domain reads as a link the payer might trust: `paypal.com`. */
const URL_LIKE = /:\/\/|\bwww\.|[\p{L}\p{N}-]\.\p{L}{2,}/iu;

/**
 * A merchant's display name is shown to payers on cards and the checkout page, so it must read as
 * what it is: normalised (NFKC, so bold or fullwidth letters are the plain ones before any check),
 * no `@`, brackets or link-like text that would pass for another account, single-spaced, 1–40 characters as people count them, nothing
 * invisible, and no word mixing Latin with letters that imitate it — as a handle refuses a
 * Cyrillic `о` among Latin letters, because “Shор” would pass for someone else's shop.
 */
export function checkMerchantName(written: string | undefined): Outcome<string> {
  const raw = wellFormed(written ?? '').trim();
  const name = raw.normalize('NFKC');
  const refused = () => fail<string>('merchant.invalid_name', { max: MAX_MERCHANT_NAME });
  // NFKC would make an odd space a plain one: such a name is refused as written
  if (ODD_SPACE.test(raw)) return refused();
  if (!name || codePointLength(name) > MAX_MERCHANT_NAME) return refused();
  if (INVISIBLE.test(name) || ODD_SPACE.test(name) || /\s{2,}/.test(name) || /^\p{M}/u.test(name)) return refused();
  if (HANDLE_LIKE.test(name) || URL_LIKE.test(name)) return refused();
  const mixed = name.split(' ').some((word) => LATIN.test(word) && LOOK_ALIKE.test(word));
  return mixed ? refused() : ok(name);
}
