import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AdapterStore } from '../../core/ports/chat-store.js';
import type { Platform } from '../../core/ports/index.js';
import type { Leases } from './leases.js';
import { retryingLostConnection } from './transient-fault.js';

export interface ClaimDeps {
  store: AdapterStore;
  leases: Leases;
  /** The wallet's clock: a lease is judged expired by it. */
  now(): Date;
}

/** This process's claim on an update while it answers it. */
export interface HeldUpdate {
  /** Whether another process took the update over (this one stalled past its lease): it answers, not this one. */
  lost(): boolean;
  /** Answered: a redelivery from now on is a duplicate. */
  finish(): Promise<void>;
  /** Not answered (the work failed): a redelivery is worked on again. */
  release(): Promise<void>;
}

/** How often a redelivery looks again at an update another process is answering. */
const pollMs = (leases: Leases) => Math.min(250, Math.max(20, leases.ms / 8));

/**
 * Claims an update for this process, or says it is a duplicate (undefined). An update another
 * process holds is waited for rather than dropped: if that process answers it, this delivery is
 * a duplicate; if it died, its lease runs out and this process takes the work over — the wallet
 * calls are keyed by the update, so the redone work returns the stored outcome and its reply,
 * which the person then gets once. While the work runs the lease is renewed, so a slow but live
 * process keeps its update; the renewal timer is the process's own pacing, so it uses real time.
 * A holder still at work after this delivery waited longer than a lease has renewed it, so it is
 * alive and will answer: this delivery is then a duplicate rather than waiting on without end.
 */
export async function claimUpdate(deps: ClaimDeps, platform: Platform, updateId: string): Promise<HeldUpdate | undefined> {
  const { store, leases } = deps;
  // this delivery's own name: a claim whose answer was lost with the connection is found ours on
  // the next try, while the same update delivered twice to this process is still waited for
  const owner = `${leases.owner}/${randomBytes(4).toString('hex')}`;
  const until = () => new Date(deps.now().getTime() + leases.ms);
  const giveUpAt = Date.now() + leases.ms * 1.5;
  for (;;) {
    const found = await retryingLostConnection(() => store.claimUpdate(platform, updateId, { owner, now: deps.now(), leaseMs: leases.ms }));
    if (found === 'answered') return undefined;
    if (found === 'claimed') break;
    if (Date.now() > giveUpAt) return undefined;
    await sleep(pollMs(leases));
  }
  let lost = false;
  const renew = async () => {
    if (!(await store.renewUpdate(platform, updateId, owner, until()))) lost = true;
  };
  const renewal = setInterval(() => void renew().catch(() => {}), leases.ms / 3);
  renewal.unref();
  return {
    lost: () => lost,
    async finish() {
      clearInterval(renewal);
      await store.finishUpdate(platform, updateId, owner);
    },
    async release() {
      clearInterval(renewal);
      await store.releaseUpdate(platform, updateId, owner);
    },
  };
}
