import type { ChaosRun } from './chaos-run.js';
import { codeUpdate } from './code-updates.js';
import { figuresOf, type ScenarioFigures } from './figures.js';
import type { ScenarioSize } from './kill-and-redeliver.js';

/** (b) Each update delivered to two processes at the same moment: one effect, one answer. */
export async function twoInstances(run: ChaosRun, size: ScenarioSize): Promise<ScenarioFigures> {
  const payments = await run.seed(size.updates);
  const apps = await run.startApps('twin', 2);
  try {
    const updates = await Promise.all(payments.map((p) => codeUpdate(p)));
    await Promise.all(updates.flatMap((u) => apps.map(({ app }) => app.post(u))));
    await run.drainNotices();
    const { payments: outcomes, notices, crashes } = await run.outcomes(payments, apps);
    return figuresOf('b) same update to two processes at once', outcomes, notices, { updatesSent: 2 * updates.length, crashes });
  } finally {
    await run.stopApps(apps);
  }
}
