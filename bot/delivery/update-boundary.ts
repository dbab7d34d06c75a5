import { randomBytes } from 'node:crypto';
import type { Platform } from '../../core/ports/index.js';
import { say, text, type Reply } from '../replies/reply.js';
import { evidenceOf } from './evidence.js';
import type { Logger } from './logger.js';
import { retryingLostConnection } from './transient-fault.js';
import { claimUpdate, type ClaimDeps, type HeldUpdate } from './update-claim.js';

export interface UpdateRef {
  platform: Platform;
  /** The platform's id of the message or press (`msg:CHAT:ID`, `cb:ID`, `ix:ID`). */
  id: string;
  /** Claimed (leased) in the adapter store before any work, so a redelivery is not answered twice; the console has no redeliveries. */
  claim: boolean;
}

export interface UpdateSteps<T> {
  /** Reads the update and runs the handlers; undefined when there is nothing to answer. */
  work(): Promise<T | undefined>;
  /** Sends the answer (through `deliver`). */
  deliver(result: T): Promise<void>;
  /** How the platform waits for claim and work: Discord defers its answer after 2 s. */
  wait?(running: Promise<T | undefined | typeof DUPLICATE>): Promise<T | undefined | typeof DUPLICATE>;
  /** A redelivery of an update already answered (or being answered). */
  duplicate?(): Promise<void>;
  /** Tells the writer something went wrong, with the correlation id: the localized `fault` reply. */
  apologize(fault: Reply): Promise<void>;
}

export const DUPLICATE = Symbol('duplicate');

export interface BoundaryDeps extends ClaimDeps {
  logger: Logger;
}

/**
 * One update, the same way on every platform: claim → work → deliver → answered. The claim is a
 * lease (`claimUpdate`), so an update whose process died in the middle is answered by whichever
 * process receives its redelivery. Work whose database connection was lost under it is run again
 * a moment later (the pool reconnects by itself; delivery waits it out call by call), so a killed
 * connection or a restarted server delays an update instead of losing it. On any other fault the claim is given back (so a
 * redelivery is worked on again), the fault logged as one JSON line with a correlation id, the
 * platform, the update and what the failing platform call said — never the text sent, a code or a
 * token — and the writer gets a short apology carrying the same id. Returns the correlation id of
 * a fault, undefined otherwise.
 */
export async function runUpdate<T>(deps: BoundaryDeps, update: UpdateRef, steps: UpdateSteps<T>): Promise<string | undefined> {
  let held: HeldUpdate | undefined;
  let running: Promise<T | undefined | typeof DUPLICATE> | undefined;
  try {
    running = (async () => {
      if (update.claim) {
        held = await claimUpdate(deps, update.platform, update.id);
        if (!held) return DUPLICATE;
      }
      return retryingLostConnection(() => steps.work());
    })();
    const result = await (steps.wait ? steps.wait(running) : running);
    if (result === DUPLICATE) await steps.duplicate?.();
    // taken over while this process stalled: the one that took it answers, so it is said once
    else if (held?.lost()) deps.logger.warn({ platform: update.platform, update: update.id }, 'update taken over by another process, its answer left to it');
    else if (result !== undefined) await steps.deliver(result);
    if (held) await retryingLostConnection(held.finish);
    return undefined;
  } catch (error) {
    const correlationId = randomBytes(4).toString('hex');
    // the platform's waiting may fail while the work still runs: the claim is given back after it
    await running?.catch(() => undefined);
    await held?.release().catch(() => {});
    deps.logger.error({ correlationId, platform: update.platform, update: update.id, ...evidenceOf(error) }, 'update failed');
    await steps.apologize(say(text('fault', { id: correlationId }))).catch(() => {});
    return correlationId;
  }
}
