import { constants } from 'node:os';
import type { InFlight } from './delivery/in-flight.js';
import { evidenceOf } from './delivery/evidence.js';
import type { Logger } from './delivery/logger.js';

type Step = () => Promise<void> | void;

/** What a running process has to stop, in the order it is stopped. */
export interface ShutdownPlan {
  /** Stops taking updates: the HTTP server, long polling, the Discord gateway, the console's input. */
  intake: Step[];
  /** Background work stopped once the last update is done: the notice loops, the command menu. */
  background: Step[];
  /** Closes the database pool, last. */
  close: Step;
}

export interface ShutdownOptions {
  logger: Logger;
  inFlight: InFlight;
  /** Time from the first signal to exit, whatever is still running. Default 10 s. */
  budgetMs?: number;
  exit?: (code: number) => void;
  /** Where SIGTERM and SIGINT arrive: the process, or a stand-in in tests. */
  signals?: NodeJS.EventEmitter;
}

export interface Shutdown {
  /** True from the first signal (or the end of input) on: /readyz answers 503 so a load balancer stops sending. */
  readonly stopping: boolean;
  /** What to stop; set once everything has started. */
  plan(plan: ShutdownPlan): void;
  /** From now on SIGTERM and SIGINT stop the process gracefully, and a second one at once. */
  listen(): void;
  /**
   * Runs the plan once (the console's end of input, or the first signal); later calls wait for the
   * same run. False when the updates in flight did not finish within the budget.
   */
  run(): Promise<boolean>;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * A graceful stop, the same in every mode: stop taking updates, let the updates in flight finish
 * (a payment confirmed gets its receipt), stop the notice loops (which give back their leases),
 * close the pool, exit 0. An orchestrator kills what takes too long, so after `budgetMs` the
 * process exits 1 with one log line instead; a second signal means the operator wants it gone now.
 */
export function createShutdown(options: ShutdownOptions): Shutdown {
  const { logger, inFlight } = options;
  const budgetMs = options.budgetMs ?? 10_000;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? process;
  let plan: ShutdownPlan = { intake: [], background: [], close: () => {} };
  let stopping = false;
  let running: Promise<boolean> | undefined;

  /** False when the updates in flight did not finish within the budget. */
  async function sequence(): Promise<boolean> {
    const intake = Promise.all(plan.intake.map(async (step) => step()));
    if (!(await inFlight.drain(budgetMs))) return false;
    await intake;
    // a batch long polling fetched while it was being stopped may have entered after the first drain
    if (!(await inFlight.drain(budgetMs))) return false;
    for (const step of plan.background) await step();
    await plan.close();
    return true;
  }

  function run(): Promise<boolean> {
    stopping = true;
    running ??= sequence();
    return running;
  }

  function onSignal(signal: (typeof SIGNALS)[number]): void {
    if (running) {
      logger.warn({ signal }, 'second signal: exiting at once');
      exit(128 + constants.signals[signal]);
      return;
    }
    logger.info({ signal, inFlight: inFlight.size }, 'shutting down: no new updates, finishing those in flight');
    const giveUp = () => {
      logger.error({ signal, budgetMs, inFlight: inFlight.size }, 'shutdown took longer than its budget: exiting with work unfinished');
      exit(1);
    };
    const overBudget = setTimeout(giveUp, budgetMs);
    run().then(
      (finished) => {
        clearTimeout(overBudget);
        if (!finished) return giveUp();
        logger.info({ signal }, 'shut down');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(overBudget);
        logger.error({ signal, ...evidenceOf(error) }, 'shutdown failed');
        exit(1);
      },
    );
  }

  return {
    get stopping() {
      return stopping;
    },
    plan(next) {
      plan = next;
    },
    listen() {
      for (const signal of SIGNALS) signals.on(signal, () => onSignal(signal));
    },
    run,
  };
}
