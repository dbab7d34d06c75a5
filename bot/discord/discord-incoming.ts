import { createHash } from 'node:crypto';
import { ComponentType, type APIAttachment, type APIModalSubmission, type APIUser } from 'discord.js';
import type { VerifyAttachment } from '../../core/ports/chat-store.js';
import { CODE_FIELD } from './discord-render.js';

// How an incoming interaction or message is read: the code typed in the form, an attached document, the time budget.

export const TIMEOUT = Symbol('timeout');

/** The work, or TIMEOUT if it takes longer than `ms` (it keeps running). */
export function withinBudget<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMEOUT>((resolve) => (timer = setTimeout(() => resolve(TIMEOUT), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function codeOf(data: APIModalSubmission): string {
  for (const component of data.components) {
    const inputs = component.type === ComponentType.Label ? [component.component] : component.type === ComponentType.ActionRow ? component.components : [];
    for (const input of inputs) if (input.custom_id === CODE_FIELD && 'value' in input && typeof input.value === 'string') return input.value.replace(/\s+/g, '');
  }
  return '';
}

/** Identity documents are photos or scans; anything larger is refused before it is downloaded. */
const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** An attachment's id, URL and content hash; undefined when it is too large to be a document. */
export async function documentOf(download: (url: string) => Promise<Buffer>, attachment: Pick<APIAttachment, 'id' | 'url' | 'size'>): Promise<VerifyAttachment | undefined> {
  if (attachment.size > MAX_DOCUMENT_BYTES) return undefined;
  const content = await download(attachment.url);
  return { ref: `discord:${attachment.id}:${attachment.url.split('?')[0]}`, sha256: createHash('sha256').update(content).digest('hex') };
}

/**
 * Mentions arrive as `<@id>`; members with a wallet become `@handle`, as typed elsewhere.
 * Undefined when someone mentioned has no wallet: a handle could name a stale holder instead.
 */
export async function withHandles(handleFor: (member: APIUser) => Promise<string | undefined>, content: string, mentions: APIUser[]): Promise<string | undefined> {
  let result = content;
  for (const member of mentions) {
    const shown = await handleFor(member);
    if (!shown) return undefined;
    result = result.replace(new RegExp(`<@!?${member.id}>`, 'g'), ` @${shown} `);
  }
  return result.trim();
}
