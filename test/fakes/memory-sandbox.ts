import type { SandboxPort } from '../../core/ports/index.js';
import { toUser, type MemoryState } from './memory-state.js';

export function memorySandbox(state: MemoryState): SandboxPort {
  return {
    async findTwin(userId) {
      const found = [...state.users.values()].find((user) => user.sandboxOf === userId);
      return found && toUser(found);
    },

    async twinOf(userId) {
      const owner = state.users.get(userId);
      if (!owner) throw new Error(`no wallet ${userId} to give a sandbox twin`);
      const found = [...state.users.values()].find((user) => user.sandboxOf === userId);
      if (found) return toUser(found);
      const id = state.nextId('users');
      state.users.set(id, { id, status: 'active', locale: owner.locale, localeChosen: false, tier: owner.tier, sandboxOf: userId, createdAt: state.clock.now() });
      return toUser(state.users.get(id)!);
    },
  };
}
