import type { Transformer } from 'grammy';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every Bot API call: waits as long as Telegram asks after a 429 (retry_after) and tries again,
 * a few times; and keeps to about 20 messages a minute in each group, Telegram's group limit.
 */
export function telegramApiPolicy(options: { attempts?: number; groupPerMinute?: number } = {}): Transformer {
  const attempts = options.attempts ?? 4;
  const perMinute = options.groupPerMinute ?? 20;
  const recent = new Map<string, number[]>();
  return async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    if (method.startsWith('send') && typeof chatId === 'number' && chatId < 0) {
      const now = Date.now();
      const sent = (recent.get(String(chatId)) ?? []).filter((at) => now - at < 60_000);
      if (sent.length >= perMinute) await sleep(60_000 - (now - sent[0]!));
      recent.set(String(chatId), [...sent, Date.now()]);
    }
    for (let attempt = 1; ; attempt++) {
      const result = await prev(method, payload, signal);
      if (result.ok || result.error_code !== 429 || attempt >= attempts) return result;
      await sleep((result.parameters?.retry_after ?? 1) * 1000);
    }
  };
}
