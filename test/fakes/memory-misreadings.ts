import type { ChatPlace, MisreadingsPort } from '../../core/ports/index.js';
import type { MemoryState } from './memory-state.js';

const placeKey = (place: ChatPlace) => JSON.stringify([place.platform, place.chatId, place.platformUserId]);

/** The run of misunderstood messages per chat place; the key counted last is not counted again. */
export function memoryMisreadings(state: MemoryState): MisreadingsPort {
  return {
    async count(place, key) {
      const run = state.misreadings.get(placeKey(place));
      const inARow = !run ? 1 : run.lastKey === key ? run.inARow : run.inARow + 1;
      state.misreadings.set(placeKey(place), { inARow, lastKey: key });
      return inARow;
    },
    async reset(place) {
      state.misreadings.delete(placeKey(place));
    },
  };
}
