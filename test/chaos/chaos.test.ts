import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChaosRun, type ChaosRun } from '../../chaos/chaos-run.js';
import { formatFigures } from '../../chaos/figures.js';
import { killAndRedeliver } from '../../chaos/kill-and-redeliver.js';
import { sharedOutbox } from '../../chaos/shared-outbox.js';
import { twoInstances } from '../../chaos/two-instances.js';
import { serverUrl } from '../support/test-database.js';

/** The short `npm run chaos`: real app processes on the server's database, 10 updates each, no PostgreSQL restart. */
const size = { updates: 10, processes: 2 };

describe.skipIf(!serverUrl)('chaos: app processes on one PostgreSQL server', () => {
  let run: ChaosRun;
  beforeAll(async () => {
    run = await openChaosRun(serverUrl!, 2);
  });
  afterAll(async () => {
    await run?.close();
  });

  it('(a) kill -9 with updates in flight, redelivered to another process: one effect and one receipt each, every notice once', async () => {
    const figures = await killAndRedeliver(run, size);
    console.log(formatFigures(figures));
    expect(figures.failures).toEqual([]);
  });

  it('(b) the same update to two processes at once: one effect and one receipt each, every notice once', async () => {
    const figures = await twoInstances(run, size);
    console.log(formatFigures(figures));
    expect(figures.failures).toEqual([]);
  });

  it('(c) two notice loops over one outbox: every notice once', async () => {
    const figures = await sharedOutbox(run, size);
    console.log(formatFigures(figures));
    expect(figures.failures).toEqual([]);
  });

  it('leaves a clean ledger', async () => {
    expect((await run.wallet.checkLedger()).violations).toEqual([]);
  });
});
