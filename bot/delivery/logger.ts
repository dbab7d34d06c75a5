import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON on stderr, one object a line, as fastify logs. */
export function createLogger(): Logger {
  return pino({ name: 'okpay' }, pino.destination(2));
}
