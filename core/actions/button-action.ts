import { unreachable } from '../unreachable.js';

/**
 * What a button does when pressed, as the handlers put it on the button. The adapters carry it
 * as callback data (Telegram allows 64 bytes, Discord 100 characters), encoded at their edge.
 */
export type ButtonAction =
  | { kind: 'pay_request'; requestId: string }
  | { kind: 'cancel_request'; requestId: string }
  | { kind: 'freeze' }
  /** A history page older than `cursor`; without one, the newest page. */
  | { kind: 'history_page'; cursor?: string }
  | { kind: 'refund'; askId: string }
  | { kind: 'decline_refund'; askId: string }
  /** Claims a part of the link whose secret it carries (a public claim post, or a forwarded link). */
  | { kind: 'claim'; secret: string }
  | { kind: 'cancel_claim'; claimId: string }
  /** Holds money for a handle that has no wallet yet: the offer kept what the send named (amount, handle, memo), never done unasked. */
  | { kind: 'hold'; offerId: string };

export type ButtonActionKind = ButtonAction['kind'];

/** Telegram's limit on callback data, the tighter of the platforms'. */
export const MAX_ACTION_BYTES = 64;

/** Database ids (bigint) and history cursors (base-36 entry ids), as they may appear in an action. */
const ID = /^\d{1,19}$/;
const CURSOR = /^[0-9a-z]{1,12}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/**
 * The callback data of a button. The verbs are the ones buttons carried before actions were
 * typed, so cards and alerts already posted in chats keep working when pressed.
 */
export function encodeAction(action: ButtonAction): string {
  switch (action.kind) {
    case 'pay_request':
      return `pay:${action.requestId}`;
    case 'cancel_request':
      return `cancelreq:${action.requestId}`;
    case 'freeze':
      return 'freeze';
    case 'history_page':
      return `hist:${action.cursor ?? ''}`;
    case 'refund':
      return `refund:${action.askId}`;
    case 'decline_refund':
      return `decline:${action.askId}`;
    case 'claim':
      return `claim:${action.secret}`;
    case 'cancel_claim':
      return `cancelclaim:${action.claimId}`;
    case 'hold':
      return `hold:${action.offerId}`;
    default:
      return unreachable(action, 'button action');
  }
}

/**
 * Reads callback data back; anything this version never wrote (a stale or forged button) is
 * `undefined`, which the handlers answer like unknown input instead of acting on it.
 */
export function decodeAction(data: string): ButtonAction | undefined {
  const split = data.indexOf(':');
  const verb = split < 0 ? data : data.slice(0, split);
  const arg = split < 0 ? undefined : data.slice(split + 1);
  const id = arg !== undefined && ID.test(arg) ? arg : undefined;
  switch (verb) {
    case 'pay':
      return id ? { kind: 'pay_request', requestId: id } : undefined;
    case 'cancelreq':
      return id ? { kind: 'cancel_request', requestId: id } : undefined;
    case 'freeze':
      return arg === undefined ? { kind: 'freeze' } : undefined;
    case 'hist':
      if (arg === '') return { kind: 'history_page' };
      return arg !== undefined && CURSOR.test(arg) ? { kind: 'history_page', cursor: arg } : undefined;
    case 'refund':
      return id ? { kind: 'refund', askId: id } : undefined;
    case 'decline':
      return id ? { kind: 'decline_refund', askId: id } : undefined;
    case 'claim':
      return arg !== undefined && SECRET.test(arg) ? { kind: 'claim', secret: arg } : undefined;
    case 'cancelclaim':
      return id ? { kind: 'cancel_claim', claimId: id } : undefined;
    case 'hold':
      return id ? { kind: 'hold', offerId: id } : undefined;
    default:
      return undefined;
  }
}
