import type { NotificationsPort, Platform } from '../../core/ports/index.js';
import { copy, type MemoryState } from './memory-state.js';

/** The outbox: a notice is pending on a platform until it is delivered or failed there. */
export function memoryNotifications(state: MemoryState): NotificationsPort {
  const handled = (id: string, platform: Platform) => state.deliveries.has(`${platform}:${id}`);
  const reachable = (userId: string, platform: Platform) =>
    state.identities.some((i) => i.userId === userId && i.platform === platform && !i.detached);
  return {
    async pending(platform, limit) {
      return copy(state.notifications.filter((n) => !handled(n.id, platform) && reachable(n.userId, platform)).slice(0, limit));
    },
    async markDelivered(id, platform) {
      state.deliveries.add(`${platform}:${id}`);
    },
    async markFailed(id, platform) {
      state.deliveries.add(`${platform}:${id}`);
    },
    async listForUser(userId, limit) {
      return copy(state.notifications.filter((n) => n.userId === userId).reverse().slice(0, limit));
    },
  };
}
