import { describe } from 'vitest';
import { manualClock, openTestWallet, serverUrl } from '../support/test-database.js';
import { openMemoryWallet } from './memory-wallet.js';
import { storeContract } from './store-contract.js';

describe('the in-memory store', () => {
  storeContract(async () => {
    const clock = manualClock();
    return { subject: openMemoryWallet({ clock }), clock };
  });
});

describe(serverUrl ? 'the PostgreSQL server' : 'PGlite', () => {
  storeContract(async () => {
    const clock = manualClock();
    return { subject: await openTestWallet({ clock }), clock };
  });
});
