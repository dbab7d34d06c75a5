import type { APIUser } from 'discord.js';
import type { AdapterStore } from '../../core/ports/chat-store.js';
import type { User } from '../../core/ports/index.js';
import type { Wallet } from '../../core/wallet.js';
import type { Conversation } from '../handlers/conversation.js';
import { localeOf } from '../i18n/i18n.js';
import { pendingAttachment } from '../verify-attachments.js';

/** Discord members as wallet users: registered with their username and client language, and their conversations. */
export function discordPeople(wallet: Wallet, store: AdapterStore) {
  const register = (from: APIUser, locale?: string) =>
    wallet.register({ platform: 'discord', platformUserId: from.id, username: from.username, ...(locale ? { locale: localeOf(locale) } : {}) });

  /** The handle of a member who has a wallet, refreshed to their current username; undefined otherwise. */
  async function handleFor(member: APIUser): Promise<string | undefined> {
    if (!(await wallet.findUserByIdentity({ platform: 'discord', platformUserId: member.id }))) return undefined;
    await register(member);
    return member.username;
  }

  /** `inServer`: an interaction in a server, whose answers are ephemeral (they pass, see Conversation.fleeting). */
  async function conversationOf(user: User, from: APIUser, chatId: string, key: string, inServer = false): Promise<Conversation> {
    const identity = { platform: 'discord', platformUserId: from.id } as const;
    // an interaction's answers reach only its user (ephemeral), like a direct chat
    const place = { chat: 'direct', chatId, key, ...(inServer ? { fleeting: true } : {}) } as const;
    return { wallet, actor: { user, identity }, locale: localeOf(user.locale), name: from.username, ...place, ...(await pendingAttachment(wallet, store, identity)) };
  }

  return { register, handleFor, conversationOf };
}
