import { claimsContract } from './claims-contract.js';
import { harness, type OpenSubject } from './contract-harness.js';
import { moneyContract } from './money-contract.js';
import { noticesContract } from './notices-contract.js';
import { stateContract } from './state-contract.js';
import { supportContract } from './support-contract.js';

/**
 * One list of scenarios for every WalletStore: run on the in-memory fake and on the database
 * (PGlite, or the server with DATABASE_URL), it proves the fake answers as the database does where
 * the core relies on it — codes, parameters and balances, never internals.
 */
export function storeContract(open: OpenSubject): void {
  const h = harness(open);
  moneyContract(h);
  stateContract(h);
  noticesContract(h);
  supportContract(h);
  claimsContract(h);
}
