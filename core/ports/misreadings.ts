import type { ChatPlace } from './questions.js';

/**
 * How many messages in a row a person wrote in a chat that the bot did not understand, kept in the
 * database so the count survives restarts and holds across processes.
 */
export interface MisreadingsPort {
  /**
   * Counts message `key` as not understood and returns the count in a row; the same key again (a
   * redelivered update) returns the count without adding to it.
   */
  count(place: ChatPlace, key: string): Promise<number>;
  /** An understood message ends the run. */
  reset(place: ChatPlace): Promise<void>;
}
