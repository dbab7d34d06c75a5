import { notices } from '../../core/notices/index.js';
import type { SupportPort, Ticket } from '../../core/ports/index.js';
import { copy, isRowId, notify, type MemoryState } from './memory-state.js';

function toTicket(row: Ticket & { openKey: string }): Ticket {
  const { openKey: _key, ...ticket } = row;
  return copy(ticket);
}

/** Tickets and answers, once per key, each written with its notices. */
export function memorySupport(state: MemoryState): SupportPort {
  const newestFirst = (filter: (t: Ticket) => boolean, limit: number) =>
    [...state.tickets.values()].filter(filter).reverse().slice(0, limit).map(toTicket);
  return {
    async open(input) {
      const earlier = [...state.tickets.values()].find((t) => t.openKey === input.openKey);
      if (earlier) return earlier.userId === input.userId && earlier.text === input.text ? { done: toTicket(earlier) } : { conflict: true };
      const row = { id: state.nextId('support_tickets'), userId: input.userId, from: copy(input.from), text: input.text, status: 'open' as const, openedAt: input.openedAt, openKey: input.openKey };
      state.tickets.set(row.id, row);
      for (const operatorId of input.operatorIds) if (operatorId !== row.userId) notify(state, operatorId, notices.ticketOpened(row));
      return { done: toTicket(row) };
    },

    async answer(input) {
      const row = isRowId(input.ticketId) ? state.tickets.get(input.ticketId) : undefined;
      if (!row) return undefined;
      const earlier = state.ticketAnswers.get(input.answerKey);
      if (earlier) {
        const same = earlier.ticketId === input.ticketId && earlier.operatorId === input.operatorId && earlier.text === input.text;
        return same ? { done: toTicket(row) } : { conflict: true };
      }
      state.ticketAnswers.set(input.answerKey, { ticketId: input.ticketId, operatorId: input.operatorId, text: input.text });
      Object.assign(row, { status: 'answered', answeredAt: input.answeredAt });
      const { platform, platformUserId } = row.from;
      const stillThere = state.identities.some((i) => i.userId === row.userId && i.platform === platform && i.platformUserId === platformUserId && !i.detached);
      notify(state, row.userId, notices.ticketAnswered(row.id, input.text), stillThere ? { onlyOn: platform } : {});
      return { done: toTicket(row) };
    },

    async get(id) {
      const row = isRowId(id) ? state.tickets.get(id) : undefined;
      return row && toTicket(row);
    },

    listOpen: async (limit) => newestFirst((t) => t.status === 'open', limit),
    listForUser: async (userId, limit) => newestFirst((t) => t.userId === userId, limit),
  };
}
