import type { NotificationsPort, Platform } from '../../core/ports/index.js';
import { copy, type MemoryState } from './memory-state.js';

/**
 * The outbox: a notice is pending on a platform until it is delivered or failed there (never on
 * its origin platform, where its person already saw it), and is handed to one owner at a time while that owner's lease is live at the `now` it is asked with.
 */
export function memoryNotifications(state: MemoryState): NotificationsPort {
  const key = (id: string, platform: Platform) => `${platform}:${id}`;
  const handled = (id: string, platform: Platform) => state.deliveries.has(key(id, platform));
  const reachable = (userId: string, platform: Platform) =>
    state.identities.some((i) => i.userId === userId && i.platform === platform && !i.detached);
  const meantFor = (id: string, platform: Platform) => (state.noticeTargets.get(id) ?? platform) === platform;
  const leased = (id: string, platform: Platform, now: Date) => {
    const lease = state.noticeLeases.get(key(id, platform));
    return lease !== undefined && lease.until > now;
  };
  const finish = (id: string, platform: Platform) => {
    state.deliveries.add(key(id, platform));
    state.noticeLeases.delete(key(id, platform));
  };
  return {
    async claimPending(platform, limit, { owner, now, leaseMs }) {
      const claimed = state.notifications
        .filter((n) => n.origin !== platform && !handled(n.id, platform) && meantFor(n.id, platform) && reachable(n.userId, platform) && !leased(n.id, platform, now))
        .slice(0, limit);
      for (const n of claimed) state.noticeLeases.set(key(n.id, platform), { owner, until: new Date(now.getTime() + leaseMs) });
      return copy(claimed);
    },
    async markDelivered(id, platform) {
      finish(id, platform);
    },
    async markFailed(id, platform) {
      finish(id, platform);
    },
    async release(id, platform, owner) {
      if (state.noticeLeases.get(key(id, platform))?.owner === owner) state.noticeLeases.delete(key(id, platform));
    },
    async renewLeases(platform, { owner, now, leaseMs }) {
      for (const [leaseKey, lease] of state.noticeLeases) {
        if (lease.owner === owner && leaseKey.startsWith(`${platform}:`)) lease.until = new Date(now.getTime() + leaseMs);
      }
    },
    async releaseLeases(owner, platform) {
      for (const [leaseKey, lease] of state.noticeLeases) {
        if (lease.owner === owner && (!platform || leaseKey.startsWith(`${platform}:`))) state.noticeLeases.delete(leaseKey);
      }
    },
    async listForUser(userId, limit) {
      return copy(state.notifications.filter((n) => n.userId === userId).reverse().slice(0, limit));
    },
  };
}
