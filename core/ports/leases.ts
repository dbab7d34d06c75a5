/**
 * A claim on work that several processes could take (a notice to send, a card to refresh): made
 * under the claiming process's name, live until `now + leaseMs`. `now` is the caller's clock (the
 * wallet's), never the database's, so an expired lease is judged by the same time as everything else.
 */
export interface LeaseClaim {
  owner: string;
  now: Date;
  leaseMs: number;
}

/** How long a lease lasts, claimed under whose name: the wallet facade adds its own `now`. */
export interface LeaseTerms {
  owner: string;
  ms: number;
}
