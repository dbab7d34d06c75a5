import { openChallenge } from '../confirmation/open-challenge.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, type Outcome } from '../errors.js';
import type { Challenge } from '../ports/index.js';

/**
 * Replacing a lost or compromised authenticator: confirmed with the current code or, when the
 * phone is gone, a recovery code (the chat version of "forgot password").
 */
export function prepareResetAuthenticator(ctx: WalletContext, input: { key: string; actor: Actor }): Promise<Outcome<Challenge>> {
  if (input.actor.user.status === 'closed') return Promise.resolve(fail('account.closed', { party: 'sender' }));
  return openChallenge(ctx, {
    key: input.key,
    owner: input.actor.user,
    origin: input.actor.identity,
    kind: 'reset_authenticator',
    payload: {},
  });
}
