import type { ChaosRun } from './chaos-run.js';
import { codeUpdate } from './code-updates.js';
import { figuresOf, type ScenarioFigures } from './figures.js';
import type { ScenarioSize } from './kill-and-redeliver.js';
import { movedPayers } from './outcomes.js';

const PACE_MS = 100;
const RETRY_FOR_MS = 60_000;

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
 * (d, e) Code updates arrive every 100 ms, round robin over the processes; halfway through,
 * `fault` strikes the database (and says what it did). A user told "something went wrong" sends their code again (a new
 * message), so afterwards every payment must have moved once and been receipted once. Recovery
 * is the time from the fault to the first receipt of a code sent after it.
 */
export async function trafficUnderFault(run: ChaosRun, size: ScenarioSize, scenario: string, fault: () => Promise<string>): Promise<ScenarioFigures> {
  const payments = await run.seed(size.updates);
  const apps = await run.startApps('fault', Math.max(2, size.processes));
  try {
    let faultAt = Number.POSITIVE_INFINITY;
    const sentAfterFault = new Set<string>();
    let sent = 0;
    let note = '';
    const posts: Promise<number>[] = [];
    for (const [i, payment] of payments.entries()) {
      if (i === Math.floor(payments.length / 2)) {
        faultAt = Date.now();
        note = await fault();
      }
      if (Date.now() >= faultAt) sentAfterFault.add(String(payment.payer.telegramId));
      posts.push(apps[i % apps.length]!.app.post(codeUpdate(payment)));
      sent += 1;
      await pause(PACE_MS);
    }
    await Promise.all(posts);
    const deadline = Date.now() + RETRY_FOR_MS;
    for (let attempt = 2; Date.now() < deadline; attempt += 1) {
      const moved = await patiently(() => movedPayers(run.database, payments), deadline);
      const waiting = payments.filter((p) => !moved.has(p.payer.userId));
      if (!waiting.length) break;
      await Promise.all(waiting.map((p, i) => {
        sent += 1;
        sentAfterFault.add(String(p.payer.telegramId));
        return apps[i % apps.length]!.app.post(codeUpdate(p, attempt));
      }));
      await pause(1_000);
    }
    await run.drainNotices();
    const { payments: outcomes, notices } = await patiently(() => run.outcomes(payments, apps), Date.now() + 30_000);
    const firstReceipt = Math.min(
      ...outcomes.flatMap((o) => o.receipts).filter((m) => sentAfterFault.has(m.chatId) && m.at >= faultAt).map((m) => m.at),
    );
    const recoverySeconds = (firstReceipt - faultAt) / 1000;
    return figuresOf(scenario, outcomes, notices, { updatesSent: sent, apologiesAllowed: true, recoverySeconds, note });
  } finally {
    await run.stopApps(apps);
  }
}
