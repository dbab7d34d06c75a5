import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * OpenAPI generated from the same zod schemas that validate `/v1`, so the document cannot drift
 * from what the server accepts: `/docs` (a browsable page) and `/docs/json`. Registered before the
 * routes on the root instance (not inside a plugin of its own, which
 * would hide them), as it collects them when they are added.
 */
export function apiDocs(app: FastifyInstance, publicUrl: string): void {
  void app.register(swagger, {
    openapi: {
      info: { title: 'OKPay merchant API', version: '1.0.0', description: 'Payment requests paid in chat, confirmed with the payer’s own code.' },
      servers: [{ url: publicUrl }],
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'okp_live_… from /apikey in the chat' } } },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
    hideUntagged: true,
  });
  void app.register(swaggerUi, { routePrefix: '/docs' });
}
