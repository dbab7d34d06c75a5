import { setTimeout as sleep } from 'node:timers/promises';
import { GrammyError, type Api } from 'grammy';
import { translate } from '../i18n/i18n.js';
import { text } from '../replies/reply.js';

const COMMANDS = ['start', 'help', 'balance', 'send', 'request', 'pay', 'refund', 'askrefund', 'history', 'statement', 'verify', 'freeze', 'unfreeze', '2fa', 'recover', 'link', 'unlink', 'language', 'close', 'confirm', 'cancel', 'support', 'tickets', 'cheque', 'claims', 'merchant', 'apikey', 'webhook'];

/** The command menu in English and Chinese (language_code zh). */
async function setCommands(api: Api): Promise<void> {
  for (const [locale, languageCode] of [['en', undefined], ['zh-CN', 'zh']] as const) {
    const commands = COMMANDS.map((command) => ({ command, description: translate(locale, text(`telegram.commands.${command}`)) }));
    await api.setMyCommands(commands, languageCode ? { language_code: languageCode } : {});
  }
}

export interface CommandMenuOptions {
  /** The waits before each further attempt; after the last, the menu is left as it was. */
  delaysMs?: readonly number[];
  /** No wait is longer, whatever a 429 asks. */
  maxWaitMs?: number;
  log?: (...args: unknown[]) => void;
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000];

/** A 429 says how long Telegram wants us to stay away. */
function retryAfterMs(error: unknown): number {
  return error instanceof GrammyError ? (error.parameters.retry_after ?? 0) * 1000 : 0;
}

/**
 * Sets the command menu in the background. The menu is cosmetic — typed commands work without
 * it — so a failure (network, a long 429) never stops the bot: it is logged and tried again after
 * a growing wait, a bounded number of times. `done` says whether the menu was set; `stop` ends
 * the waiting (the bot is shutting down) and resolves once nothing runs any more.
 */
export function setCommandMenu(api: Api, options: CommandMenuOptions = {}): { done: Promise<boolean>; stop(): Promise<void> } {
  const delays = options.delaysMs ?? DELAYS_MS;
  const maxWait = options.maxWaitMs ?? 3_600_000;
  const log = options.log ?? console.error;
  const wait = options.wait ?? ((ms, signal) => sleep(ms, undefined, { signal, ref: false }));
  const stopping = new AbortController();
  const done = (async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        await setCommands(api);
        return true;
      } catch (error) {
        const delay = delays[attempt - 1];
        const reason = error instanceof Error ? error.message : String(error);
        if (delay === undefined) {
          log(`Telegram command menu gave up after ${attempt} attempts (${reason}); typed commands work without it.`);
          return false;
        }
        const ms = Math.min(Math.max(delay, retryAfterMs(error)), maxWait);
        log(`Telegram command menu not set (attempt ${attempt}): ${reason}; trying again in ${Math.round(ms / 1000)} s.`);
        try {
          await wait(ms, stopping.signal);
        } catch {
          return false;
        }
        if (stopping.signal.aborted) return false;
      }
    }
  })();
  return {
    done,
    async stop() {
      stopping.abort();
      await done;
    },
  };
}
