import { InlineKeyboard, InputFile } from 'grammy';
import { encodeAction, MAX_ACTION_BYTES } from '../../core/actions/button-action.js';
import { translate } from '../i18n/i18n.js';
import type { Reply } from '../replies/reply.js';

/** Telegram HTML mode: user-supplied text (memos, names) must never be read as markup. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The reply as plain text, for places without markup (a button's answer). */
export function plainOf(reply: Reply, locale: string): string {
  return reply.lines.map((line) => translate(locale, line)).join('\n');
}

export function htmlOf(reply: Reply, locale: string): string {
  return escapeHtml(plainOf(reply, locale));
}

/**
 * Button actions encode to short callback data (`pay:123`); Telegram allows 64 bytes. A Claim
 * button opens the bot's direct chat instead (`t.me/<bot>?start=claim_…`) when the bot's name is
 * known: whoever opens it has started the bot, so the receipt can reach them there, and the
 * button still works on a forwarded message.
 */
export function keyboardOf(reply: Reply, locale: string, botUsername?: string): InlineKeyboard | undefined {
  if (!reply.buttons?.length) return undefined;
  const keyboard = new InlineKeyboard();
  for (const button of reply.buttons) {
    if (button.action.kind === 'claim' && botUsername) {
      keyboard.url(translate(locale, button.label), `https://t.me/${botUsername}?start=claim_${button.action.secret}`);
      continue;
    }
    const data = encodeAction(button.action);
    if (Buffer.byteLength(data) > MAX_ACTION_BYTES) throw new Error(`callback data over ${MAX_ACTION_BYTES} bytes: ${data}`);
    keyboard.text(translate(locale, button.label), data);
  }
  return keyboard;
}

export function imageOf(reply: Reply): InputFile | undefined {
  return reply.image ? new InputFile(reply.image.png, reply.image.name) : undefined;
}

export function documentOf(reply: Reply): InputFile | undefined {
  return reply.file ? new InputFile(Buffer.from(reply.file.content, 'utf8'), reply.file.name) : undefined;
}
