import type { ChatPlace } from './questions.js';
import type { UserId } from './users.js';

/** Open until an operator answers it; answered tickets can still be answered again. */
export type TicketStatus = 'open' | 'answered';

/** A message a person sent to the operators with `/support`, and where they wrote it from. */
export interface Ticket {
  id: string;
  userId: UserId;
  /** The platform, identity and chat the ticket came from: answers go back to that platform. */
  from: ChatPlace;
  text: string;
  status: TicketStatus;
  /** By the wallet's clock. */
  openedAt: Date;
  answeredAt?: Date;
}

export interface NewTicket {
  userId: UserId;
  from: ChatPlace;
  text: string;
  openedAt: Date;
  openKey: string;
  /** The operators' wallets, each told of the ticket through the outbox in the same transaction. */
  operatorIds: UserId[];
}

export interface TicketAnswer {
  ticketId: string;
  operatorId: UserId;
  text: string;
  answeredAt: Date;
  answerKey: string;
}

/** What the store did with a keyed write: done (now or by an earlier delivery of the same key), or the key holds other input. */
export type Keyed<T> = { done: T } | { conflict: true };

/** Support tickets and operators' answers, each written once per key with its notices. */
export interface SupportPort {
  /** Stores the ticket and tells each operator, atomically; the same key returns the first ticket. */
  open(input: NewTicket): Promise<Keyed<Ticket>>;
  /**
   * Stores the answer, marks the ticket answered and tells its writer on the ticket's platform
   * only, atomically; the same key returns the ticket as that answer left it; undefined if no such ticket.
   */
  answer(input: TicketAnswer): Promise<Keyed<Ticket> | undefined>;
  get(id: string): Promise<Ticket | undefined>;
  /** Open tickets, newest first. */
  listOpen(limit: number): Promise<Ticket[]>;
  /** A person's own tickets, newest first. */
  listForUser(userId: UserId, limit: number): Promise<Ticket[]>;
}
