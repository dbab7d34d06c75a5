import { EventEmitter } from 'node:events';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createInFlight } from '../../bot/delivery/in-flight.js';
import { createShutdown } from '../../bot/shutdown.js';

/** An update that finishes when the test says so. */
function pending() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

function harness(budgetMs = 10_000) {
  const signals = new EventEmitter();
  const steps: string[] = [];
  const lines: { msg: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as { msg: string }) });
  const inFlight = createInFlight();
  let exited: (code: number) => void;
  const exit = new Promise<number>((resolve) => (exited = resolve));
  const shutdown = createShutdown({ logger, inFlight, budgetMs, signals, exit: (code) => exited(code) });
  shutdown.plan({
    intake: [() => void steps.push('intake')],
    background: [() => void steps.push('notice loops')],
    close: () => void steps.push('database'),
  });
  shutdown.listen();
  return { signals, steps, lines, inFlight, exit, shutdown };
}

describe('the in-flight count', () => {
  it('passes results and errors through and drains only when every update is done, also those that came while draining', async () => {
    const inFlight = createInFlight();
    const first = pending();
    const second = pending();
    const one = inFlight.run(async () => (await first.done, 'one'));
    const failing = inFlight.run(async () => Promise.reject(new Error('boom')));
    await expect(failing).rejects.toThrow('boom');
    let drainedYet = false;
    const drained = inFlight.drain(60_000).then((all) => ((drainedYet = true), all));
    const two = inFlight.run(() => second.done);
    first.finish();
    expect(await one).toBe('one');
    await new Promise(setImmediate);
    expect([inFlight.size, drainedYet]).toEqual([1, false]);
    second.finish();
    await two;
    expect(await drained).toBe(true);
    expect(inFlight.size).toBe(0);
  });

  it('gives up when an update outlasts the wait', async () => {
    const inFlight = createInFlight();
    void inFlight.run(() => new Promise(() => {}));
    expect(await inFlight.drain(10)).toBe(false);
  });
});

describe('the shutdown sequence', () => {
  it('stops the intake, waits for the update in flight, then stops the loops and closes the database, and exits 0', async () => {
    const h = harness();
    const update = pending();
    void h.inFlight.run(async () => {
      await update.done;
      h.steps.push('update answered');
    });
    h.signals.emit('SIGTERM');
    expect(h.shutdown.stopping).toBe(true);
    await Promise.resolve();
    expect(h.steps).toEqual(['intake']);
    update.finish();
    expect(await h.exit).toBe(0);
    expect(h.steps).toEqual(['intake', 'update answered', 'notice loops', 'database']);
    expect(h.lines.map((l) => l.msg)).toEqual(['shutting down: no new updates, finishing those in flight', 'shut down']);
  });

  it('exits at once, non-zero, on a second signal', async () => {
    const h = harness();
    void h.inFlight.run(() => new Promise(() => {}));
    h.signals.emit('SIGTERM');
    h.signals.emit('SIGINT');
    expect(await h.exit).toBe(130);
    expect(h.steps).toEqual(['intake']);
  });

  it('exits 1 with one log line when the updates in flight outlast the budget', async () => {
    const h = harness(20);
    void h.inFlight.run(() => new Promise(() => {}));
    h.signals.emit('SIGINT');
    expect(await h.exit).toBe(1);
    expect(h.steps).toEqual(['intake']);
    expect(h.lines.filter((l) => /budget/.test(l.msg))).toHaveLength(1);
  });
});
