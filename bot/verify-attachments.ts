import type { AdapterStore, VerifyAttachment } from '../core/ports/chat-store.js';
import type { IdentityRef } from '../core/ports/index.js';
import type { Wallet } from '../core/wallet.js';
import type { Conversation } from './handlers/conversation.js';
import { parseMessage } from './intents/parse.js';
import { retryingLostConnection } from './delivery/transient-fault.js';

/**
 * Files sent for `/verify`, for every adapter alike: kept in the adapter store when they arrive
 * (a photo before the command, or with it), read into the conversation, and dropped once a
 * `/verify` has used one, so a restart or another process between the two loses nothing.
 */
export function keepAttachment(wallet: Wallet, store: AdapterStore, identity: IdentityRef, attachment: VerifyAttachment): Promise<void> {
  return store.keepAttachment(identity.platform, identity.platformUserId, attachment, wallet.now());
}

/** A file waits this long for its `/verify`: one sent weeks ago is not silently attached to a new one. */
export const ATTACHMENT_WAITS_MS = 60 * 60_000;

export async function pendingAttachment(wallet: Wallet, store: AdapterStore, identity: IdentityRef): Promise<{ attachment?: VerifyAttachment }> {
  const attachment = await store.attachmentOf(identity.platform, identity.platformUserId, new Date(wallet.now().getTime() - ATTACHMENT_WAITS_MS));
  return attachment ? { attachment } : {};
}

/** After the conversation ran: a `/verify` (typed, or the intent of a slash command) used the file. */
export async function settleAttachment(store: AdapterStore, c: Conversation, verified: string | boolean): Promise<void> {
  const used = typeof verified === 'boolean' ? verified : parseMessage(verified).kind === 'verify';
  if (c.attachment && used) await retryingLostConnection(() => store.dropAttachment(c.actor.identity.platform, c.actor.identity.platformUserId));
}
