import type { ChaosRun } from './chaos-run.js';
import { codeUpdate } from './code-updates.js';
import { figuresOf, type ScenarioFigures } from './figures.js';
import type { ScenarioSize } from './kill-and-redeliver.js';

/**
 * (c) Several processes' notice loops over one outbox. Every Bot API answers slowly, so rounds
 * of different processes overlap as they would under load; the payments are confirmed through
 * the webhook of one process each, round robin, and each notice must reach its user once.
 */
export async function sharedOutbox(run: ChaosRun, size: ScenarioSize): Promise<ScenarioFigures> {
  const apps = await run.startApps('outbox', Math.max(2, size.processes));
  try {
    for (const { api } of apps) api.setSlowness(150);
    const payments = await run.seed(size.updates);
    const updates = await Promise.all(payments.map((p) => codeUpdate(p)));
    await Promise.all(updates.map((u, i) => apps[i % apps.length]!.app.post(u)));
    await run.drainNotices();
    const { payments: outcomes, notices, crashes } = await run.outcomes(payments, apps);
    return figuresOf(`c) ${apps.length} notice loops on one outbox`, outcomes, notices, { updatesSent: updates.length, crashes });
  } finally {
    await run.stopApps(apps);
  }
}
