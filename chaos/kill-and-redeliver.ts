import type { ChaosRun } from './chaos-run.js';
import { codeUpdate } from './code-updates.js';
import { figuresOf, type ScenarioFigures } from './figures.js';

export interface ScenarioSize {
  updates: number;
  processes: number;
}

/**
 * (a) kill -9 with updates in flight, then Telegram's redelivery to another process. The way from
 * A to Telegram is slow, so A's receipts are still on their way when it is killed: the moment the
 * first receipt is under way, while other updates are still being worked on. Every update then
 * goes again to B (the other processes stand by).
 */
export async function killAndRedeliver(run: ChaosRun, size: ScenarioSize): Promise<ScenarioFigures> {
  const payments = await run.seed(size.updates);
  const apps = await run.startApps('kill', Math.max(2, size.processes));
  const [victim, heir] = [apps[0]!, apps[1]!];
  try {
    // the seeded users' notices go out first, so the first message to a payer after the posts is a receipt
    await run.drainNotices();
    victim.api.setSlowness(1_500);
    const sentBefore = victim.api.calls.length;
    const updates = await Promise.all(payments.map((p) => codeUpdate(p)));
    const toVictim = updates.map((u) => victim.app.post(u));
    const chats = new Set(payments.map((p) => String(p.payer.telegramId)));
    const deadline = Date.now() + 20_000;
    const receiptUnderWay = () => [...victim.api.inFlight, ...victim.api.calls.slice(sentBefore)].some((c) => c.method === 'sendMessage' && chats.has(c.chatId));
    while (Date.now() < deadline && !receiptUnderWay()) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await victim.app.kill();
    await Promise.all(toVictim);
    await Promise.all(updates.map((u) => heir.app.post(u)));
    await run.drainNotices();
    const { payments: outcomes, notices, crashes } = await run.outcomes(payments, apps);
    // a receipt that reached Telegram just before the kill and again from the heir: the one
    // window no lease closes (sent, not yet recorded as sent), counted as a duplicate all the same
    const resent = outcomes.filter((o) => o.receipts.some((m) => m.process === victim.app.name) && o.receipts.some((m) => m.process !== victim.app.name));
    const note = `${victim.app.name} killed with its first receipt on its way; receipts it got out and its heir sent again: ${resent.length}`;
    return figuresOf('a) kill -9 and redeliver', outcomes, notices, { updatesSent: 2 * updates.length, crashes, note });
  } finally {
    await run.stopApps(apps);
  }
}
