import type { Update } from 'grammy/types';
import type { ChaosApp, ChaosRun } from './chaos-run.js';
import { codeUpdate } from './code-updates.js';
import { figuresOf, type ScenarioFigures } from './figures.js';
import type { ScenarioSize } from './kill-and-redeliver.js';
import { movedPayers } from './outcomes.js';

const PACE_MS = 100;
/** Rounds of retries, a second apart, for codes that met the fault; a payment stuck for good stays lost. */
const RETRY_ROUNDS = 3;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The driver's own reads go through the same fault; it asks again until the database answers. */
async function patiently<T>(read: () => Promise<T>, deadline: number): Promise<T> {
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await pause(250);
    }
  }
}

/**
 * Delivers like Telegram behind a load balancer: to the `turn`-th process still running, and on
 * anything but 200 the same update again, half a second later, to the next. Returns the POSTs made.
 */
async function deliver(apps: ChaosApp[], turn: number, update: Update): Promise<number> {
  for (let attempt = 0; attempt < apps.length; attempt += 1) {
    const running = apps.filter((a) => a.app.alive());
    if (!running.length) return attempt;
    if ((await running[(turn + attempt) % running.length]!.app.post(update)) === 200) return attempt + 1;
    await pause(500);
  }
  return apps.length;
}

/**
 * (d, e) Code updates arrive every 100 ms, round robin over the processes; halfway through,
 * `fault` strikes the database (and says what it did) while they keep coming. A user told "something went wrong" sends
 * their code again (a new message with the next code), so afterwards every payment must have
 * moved once and been receipted once, and no process may have died. Recovery is the time from
 * the end of the fault (its command returned) to the first receipt of a code sent after that.
 */
export async function trafficUnderFault(run: ChaosRun, size: ScenarioSize, scenario: string, fault: () => Promise<string>): Promise<ScenarioFigures> {
  const payments = await run.seed(size.updates);
  const apps = await run.startApps('fault', Math.max(2, size.processes));
  try {
    let faultEnd = Number.POSITIVE_INFINITY;
    let faulting: Promise<string> = Promise.resolve('');
    const sentAfterFault = new Set<string>();
    const posts: Promise<number>[] = [];
    let note = '';
    for (const [i, payment] of payments.entries()) {
      // the traffic goes on while the fault lasts (a restart takes seconds); the last quarter waits
      // for its end, so there are always codes sent after it to measure recovery by
      if (i === Math.floor(payments.length / 2)) faulting = fault().finally(() => (faultEnd = Date.now()));
      if (i === Math.floor((payments.length * 3) / 4)) note = await faulting;
      if (Date.now() >= faultEnd) sentAfterFault.add(String(payment.payer.telegramId));
      posts.push(deliver(apps, i, await codeUpdate(payment)));
      await pause(PACE_MS);
    }
    let sent = (await Promise.all(posts)).reduce((a, b) => a + b, 0);
    const deadline = Date.now() + 30_000;
    for (let attempt = 2; attempt < 2 + RETRY_ROUNDS; attempt += 1) {
      const moved = await patiently(() => movedPayers(run.database, payments), deadline);
      const waiting = payments.filter((p) => !moved.has(p.payer.userId));
      if (!waiting.length) break;
      for (const p of waiting) sentAfterFault.add(String(p.payer.telegramId));
      const retried = await Promise.all(waiting.map(async (p, i) => deliver(apps, i, await codeUpdate(p, attempt))));
      sent += retried.reduce((a, b) => a + b, 0);
      await pause(1_000);
    }
    await run.drainNotices();
    const { payments: outcomes, notices, crashes } = await patiently(() => run.outcomes(payments, apps), Date.now() + 30_000);
    const firstReceipt = Math.min(
      ...outcomes.flatMap((o) => o.receipts).filter((m) => sentAfterFault.has(m.chatId) && m.at >= faultEnd).map((m) => m.at),
    );
    const recoverySeconds = (firstReceipt - faultEnd) / 1000;
    return figuresOf(scenario, outcomes, notices, { updatesSent: sent, apologiesAllowed: true, recoverySeconds, note, crashes });
  } finally {
    await run.stopApps(apps);
  }
}
