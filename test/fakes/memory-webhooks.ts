import type { WebhookEndpoint, WebhooksPort } from '../../core/ports/index.js';

/**
 * Webhook endpoints in memory, one per merchant and per confirming challenge. Events are written
 * by database triggers, which the memory store has not: here no event is ever due, and webhook
 * behaviour is tested on the database (test/db/webhooks.test.ts).
 */
export function memoryWebhooks(): WebhooksPort {
  const endpoints = new Map<string, WebhookEndpoint & { challengeId: string }>();
  const strip = ({ challengeId: _c, ...endpoint }: WebhookEndpoint & { challengeId: string }): WebhookEndpoint => ({ ...endpoint });
  return {
    async setEndpoint({ merchantId, url, secretSealed, challengeId }) {
      const done = [...endpoints.values()].find((e) => e.challengeId === challengeId);
      if (done) return { endpoint: strip(done), changed: false };
      const row = { merchantId, url, secretSealed, challengeId, failing: false };
      endpoints.set(merchantId, row);
      return { endpoint: strip(row), changed: true };
    },
    async getEndpoint(merchantId) {
      const row = endpoints.get(merchantId);
      return row && strip(row);
    },
    emitExpired: async () => 0,
    claimDue: async () => [],
    recordAttempt: async () => false,
    listEvents: async () => [],
    getEvent: async () => undefined,
    resend: async () => undefined,
  };
}
