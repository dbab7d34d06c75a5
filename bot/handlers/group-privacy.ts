import { text, type Reply } from '../replies/reply.js';
import type { Conversation } from './conversation.js';

/**
 * What a group may read is what its handler marked for everyone (questions, hints, help,
 * greetings, a warning about a code shown there) and request cards. Everything else concerns one
 * person — a balance, history, a statement, a confirmation prompt, a receipt, a refusal that shows
 * funds, limits or a frozen wallet — and goes to them directly, so a forgotten mark errs private.
 */
function isPublic(reply: Reply): boolean {
  return Boolean(reply.card) || reply.forEveryone === true;
}

/**
 * Privacy in groups, for every adapter alike. Replies about the person are addressed to their
 * direct chat, and the group learns only that: a typed command gets a message there saying so,
 * a pressed button gets it as the press's private answer, so the group reads nothing at all.
 */
export function privately(c: Conversation, replies: Reply[], via: 'message' | 'press'): Reply[] {
  if (c.chat !== 'group') return replies;
  const direct = { kind: 'direct' as const, userId: c.actor.user.id };
  const routed = replies.map((reply) => (reply.to.kind === 'here' && !isPublic(reply) ? { ...reply, to: direct } : reply));
  const toThem = routed.filter((reply) => reply.to.kind === 'direct' && reply.to.userId === c.actor.user.id);
  if (toThem.length === 0) return routed;
  const pointer: Reply = {
    to: via === 'press' ? { kind: 'ephemeral' } : { kind: 'here' },
    lines: [text(toThem.some((reply) => reply.asksForCode) ? 'group.check_dm' : 'group.sent_dm', { name: c.name })],
  };
  return [pointer, ...routed];
}
