import type { Bot } from 'grammy';
import { toDecimalString } from '../../core/money/index.js';
import { amountOf } from '../handlers/money-handlers.js';
import { formatAmount, localeOf, translate } from '../i18n/i18n.js';
import { parseMessage } from '../intents/parse.js';
import { text } from '../replies/reply.js';

/**
 * Inline mode: `@OKPayBot 10 CNY` in any chat offers a send and a request card. Choosing one
 * posts the matching command addressed to the bot, which the bot then answers in that chat.
 */
export function installInlineQueries(bot: Bot): void {
  bot.on('inline_query', async (ctx) => {
    const parsed = parseMessage(`request ${ctx.inlineQuery.query}`);
    const amount = parsed.kind === 'request' && parsed.amount ? amountOf(parsed.amount) : undefined;
    if (!amount?.ok) {
      await ctx.answerInlineQuery([], { cache_time: 0 });
      return;
    }
    const locale = localeOf(ctx.from.language_code);
    const shown = formatAmount(locale, amount.value);
    const typed = `${toDecimalString(amount.value)} ${amount.value.currency}`;
    const card = (kind: 'send' | 'request') => ({
      type: 'article' as const,
      id: kind,
      title: translate(locale, text(`telegram.inline.${kind}`, { amount: shown })),
      input_message_content: { message_text: `/${kind}@${ctx.me.username} ${typed}` },
    });
    await ctx.answerInlineQuery([card('send'), card('request')], { cache_time: 0, is_personal: true });
  });
}
