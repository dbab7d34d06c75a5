import type { Transformer } from 'grammy';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Longest wait inside one call: a webhook request must finish before Telegram gives up on it. */
const MAX_WAIT_MS = 5_000;

/**
 * Every Bot API call: waits as long as Telegram asks after a 429 (retry_after, up to a few
 * seconds) and tries again, a few times; and paces messages to each group to about 20 a minute,
 * Telegram's group limit, by reserving each message's slot before waiting for it.
 */
export function telegramApiPolicy(options: { attempts?: number; groupPerMinute?: number } = {}): Transformer {
  const attempts = options.attempts ?? 3;
  const spacing = 60_000 / (options.groupPerMinute ?? 20);
  const nextSlot = new Map<string, number>();
  return async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    if ((method.startsWith('send') || method.startsWith('edit')) && typeof chatId === 'number' && chatId < 0) {
      const now = Date.now();
      const slot = Math.max(now, nextSlot.get(String(chatId)) ?? now);
      nextSlot.set(String(chatId), slot + spacing);
      if (slot > now) await sleep(Math.min(slot - now, MAX_WAIT_MS));
    }
    for (let attempt = 1; ; attempt++) {
      const result = await prev(method, payload, signal);
      const retryAfter = (result.ok ? 0 : (result.parameters?.retry_after ?? 1)) * 1000;
      if (result.ok || result.error_code !== 429 || attempt >= attempts || retryAfter > MAX_WAIT_MS) return result;
      await sleep(retryAfter);
    }
  };
}
