import { createLinkCode, prepareUnlink, redeemLinkCode } from './lifecycle/link-identity.js';
import { prepareOperatorMove } from './operators/operator-moves.js';
import { prepareClose } from './lifecycle/close-account.js';
import { freeze, prepareUnfreeze } from './lifecycle/freeze.js';
import { cancelPending, discardExposedCode } from './confirmation/exposed-code.js';
import { prepareOperatorFreeze, prepareOperatorUnfreeze } from './operators/freeze-user.js';
import { prepareResetAuthenticator } from './security/reset-authenticator.js';
import { confirm } from './confirmation/confirm.js';
import { askLater, forgetQuestion, openQuestion } from './conversation/open-questions.js';
import type { WalletContext } from './context.js';
import { checkLedger } from './ledger/check.js';
import { history } from './ledger/history.js';
import { DEFAULT_LIMITS, type LimitsConfig } from './limits/limits.js';
import type { Clock, IdentityRef, LeaseTerms, Platform, WalletStore } from './ports/index.js';
import { askRefund, declineRefund } from './requests/refund-asks.js';
import { prepareRefund } from './requests/refund.js';
import { cancelRequest } from './requests/cancel-request.js';
import { createRequest } from './requests/create-request.js';
import { getRequest, listOpenRequests } from './requests/find-requests.js';
import { preparePayRequest } from './requests/pay-request.js';
import { identitiesOfPerson, isSandbox } from './sandbox/sandbox.js';
import { activateAuthenticator, beginEnrollment } from './security/authenticator.js';
import { createSecretBox } from './security/secret-box.js';
import { answerTicket, listTickets, openTicket } from './support/tickets.js';
import { misread, understood } from './conversation/misreadings.js';
import { prepareSend } from './transfers/prepare-send.js';
import { prepareClaim } from './claims/prepare-claim.js';
import { offerHold, prepareOfferedHold } from './claims/hold-offer.js';
import { redeemClaim, redeemHolds } from './claims/redeem-claim.js';
import { prepareSetWebhook } from './webhooks/webhook-endpoint.js';
import { claimWebhookDeliveries, emitExpiredEvents, listWebhookEvents, recordWebhookAttempt, resendWebhookEvent } from './webhooks/webhook-events.js';
import { cancelClaim, returnExpiredClaims } from './claims/give-back.js';
import { findClaim, listClaims } from './claims/find-claims.js';
import { authenticateApiKey, listApiKeys, prepareIssueApiKey, revokeApiKey } from './merchants/api-keys.js';
import { cancelMerchantRequest, createApiRequest, getMerchantRequest, listMerchantRequests, refundMerchantRequest } from './merchants/api-requests.js';
import { becomeMerchant, setCheckoutEmbedding } from './merchants/merchants.js';
import { namedPayerOf, payerSeenBy } from './merchants/people-seen.js';
import { getRefundAskFor, getRequestByPublicId, getTransferFor } from './requests/visible.js';
import { findUserByIdentity, findUserByUsername, register } from './users/identity.js';
import { listPendingVerifications, prepareDecision, submitVerification } from './verification/verification.js';

export interface WalletDeps {
  store: WalletStore;
  /** 32-byte key that seals authenticator secrets (AES-256-GCM). */
  secretKey: Buffer;
  clock?: Clock;
  limits?: LimitsConfig;
  /**
   * Operators (ADMIN_IDS) may deposit, withdraw, decide verifications, freeze and unfreeze any
   * wallet and answer support tickets; each is told of every ticket.
   */
  operators?: readonly IdentityRef[];
  /** Days money held for a link waits for its claimer (CLAIM_DAYS, 1–90); 7 unless configured. */
  claimDays?: number;
}

export const DEFAULT_CLAIM_DAYS = 7;

type Tail<F> = F extends (ctx: WalletContext, ...rest: infer R) => infer Out ? (...rest: R) => Out : never;

function bind<F extends (ctx: WalletContext, ...rest: never[]) => unknown>(ctx: WalletContext, use: F): Tail<F> {
  return ((...rest: never[]) => use(ctx, ...rest)) as Tail<F>;
}

/**
 * Builds the wallet facade: the only way the conversation layer and the HTTP API reach the
 * wallet. The composition root calls this once; every method is one use case.
 */
export function createWallet(deps: WalletDeps) {
  const operators = deps.operators ?? [];
  const ctx: WalletContext = {
    store: deps.store,
    clock: deps.clock ?? { now: () => new Date() },
    secrets: createSecretBox(deps.secretKey),
    limits: deps.limits ?? DEFAULT_LIMITS,
    claimDays: deps.claimDays ?? DEFAULT_CLAIM_DAYS,
    isOperator: (identity) => operators.some((o) => o.platform === identity.platform && o.platformUserId === identity.platformUserId),
    operators,
  };
  const { users, ledger, notifications } = deps.store;
  return {
    register: (profile: Parameters<typeof register>[1]) => register(users, profile),
    findUserByIdentity: (ref: IdentityRef) => findUserByIdentity(users, ref),
    getUser: users.getUser,
    findUserByUsername: (platform: IdentityRef['platform'], username: string) => findUserByUsername(users, platform, username),
    identitiesOf: bind(ctx, identitiesOfPerson),
    isSandbox: bind(ctx, isSandbox),
    chooseLocale: users.chooseLocale,
    followLocale: users.followLocale,
    isOperator: ctx.isOperator,
    /** The wallet's clock, for the conversation layer's own time limits (how long a file waits for /verify). */
    now: () => ctx.clock.now(),

    balances: ledger.balances,
    history: (input: Parameters<typeof history>[1]) => history(ledger, input),
    /** A transfer as one of its parties (`viewerId`) sees it; undefined for anyone else. */
    getTransfer: bind(ctx, getTransferFor),
    namedPayerOf: bind(ctx, namedPayerOf),
    payerSeenBy: bind(ctx, payerSeenBy),
    checkLedger: () => checkLedger(ledger),

    beginEnrollment: bind(ctx, beginEnrollment),
    activateAuthenticator: bind(ctx, activateAuthenticator),

    prepareSend: bind(ctx, prepareSend),
    preparePayRequest: bind(ctx, preparePayRequest),
    prepareRefund: bind(ctx, prepareRefund),
    prepareUnfreeze: bind(ctx, prepareUnfreeze),
    prepareClose: bind(ctx, prepareClose),
    prepareResetAuthenticator: bind(ctx, prepareResetAuthenticator),
    prepareUnlink: bind(ctx, prepareUnlink),
    prepareOperatorMove: bind(ctx, prepareOperatorMove),
    redeemLinkCode: bind(ctx, redeemLinkCode),
    confirm: bind(ctx, confirm),
    pendingChallenge: (identity: IdentityRef) => deps.store.challenges.findPending(identity),
    cancelPending: bind(ctx, cancelPending),
    discardExposedCode: bind(ctx, discardExposedCode),

    prepareClaim: bind(ctx, prepareClaim),
    offerHold: bind(ctx, offerHold),
    prepareOfferedHold: bind(ctx, prepareOfferedHold),
    redeemClaim: bind(ctx, redeemClaim),
    redeemHolds: bind(ctx, redeemHolds),
    cancelClaim: bind(ctx, cancelClaim),
    listClaims: bind(ctx, listClaims),
    findClaim: bind(ctx, findClaim),
    claimDays: ctx.claimDays,
    /** One round of the claim returner (bot/delivery/claim-returner.ts), leased by the wallet's clock. */
    returnExpiredClaims: bind(ctx, returnExpiredClaims),

    createRequest: bind(ctx, createRequest),
    getRequest: bind(ctx, getRequest),
    cancelRequest: bind(ctx, cancelRequest),
    listOpenRequests: bind(ctx, listOpenRequests),
    askRefund: bind(ctx, askRefund),
    declineRefund: bind(ctx, declineRefund),
    /** A refund ask as its payer or payee (`viewerId`) sees it; undefined for anyone else. */
    getRefundAsk: bind(ctx, getRefundAskFor),
    getRequestByPublicId: bind(ctx, getRequestByPublicId),

    becomeMerchant: bind(ctx, becomeMerchant),
    setCheckoutEmbedding: bind(ctx, setCheckoutEmbedding),
    getMerchant: deps.store.merchants.get,
    prepareIssueApiKey: bind(ctx, prepareIssueApiKey),
    listApiKeys: bind(ctx, listApiKeys),
    revokeApiKey: bind(ctx, revokeApiKey),
    authenticateApiKey: bind(ctx, authenticateApiKey),
    createApiRequest: bind(ctx, createApiRequest),
    getMerchantRequest: bind(ctx, getMerchantRequest),
    listMerchantRequests: bind(ctx, listMerchantRequests),
    cancelMerchantRequest: bind(ctx, cancelMerchantRequest),
    refundMerchantRequest: bind(ctx, refundMerchantRequest),
    prepareSetWebhook: bind(ctx, prepareSetWebhook),
    getWebhookEndpoint: deps.store.webhooks.getEndpoint,
    /** One round of the expiry job (bot/delivery/webhook-deliverer.ts), by the wallet's clock. */
    emitExpiredEvents: bind(ctx, emitExpiredEvents),
    claimWebhookDeliveries: bind(ctx, claimWebhookDeliveries),
    recordWebhookAttempt: bind(ctx, recordWebhookAttempt),
    listWebhookEvents: bind(ctx, listWebhookEvents),
    resendWebhookEvent: bind(ctx, resendWebhookEvent),

    freeze: bind(ctx, freeze),
    prepareOperatorFreeze: bind(ctx, prepareOperatorFreeze),
    prepareOperatorUnfreeze: bind(ctx, prepareOperatorUnfreeze),
    createLinkCode: bind(ctx, createLinkCode),

    submitVerification: bind(ctx, submitVerification),
    listPendingVerifications: bind(ctx, listPendingVerifications),
    prepareDecision: bind(ctx, prepareDecision),

    askLater: bind(ctx, askLater),
    openQuestion: bind(ctx, openQuestion),
    forgetQuestion: bind(ctx, forgetQuestion),
    misread: bind(ctx, misread),
    understood: bind(ctx, understood),

    openTicket: bind(ctx, openTicket),
    answerTicket: bind(ctx, answerTicket),
    listTickets: bind(ctx, listTickets),
    /** A ticket by id, for the conversation layer to name one that does not exist before asking for an answer. */
    findTicket: deps.store.support.get,

    /** Notices to send on a platform, leased to `lease.owner` by the wallet's clock so no other process sends them too. */
    claimNotifications: (platform: Platform, limit: number, lease: LeaseTerms) =>
      notifications.claimPending(platform, limit, { owner: lease.owner, now: ctx.clock.now(), leaseMs: lease.ms }),
    markNotificationDelivered: notifications.markDelivered,
    markNotificationFailed: notifications.markFailed,
    /** Keeps the notices a round still sends leased to it, by the wallet's clock, however slow a send is. */
    renewNotificationLeases: (platform: Platform, lease: LeaseTerms) =>
      notifications.renewLeases(platform, { owner: lease.owner, now: ctx.clock.now(), leaseMs: lease.ms }),
    releaseNotification: notifications.release,
    releaseNotificationLeases: notifications.releaseLeases,
    notificationsOf: notifications.listForUser,
  };
}

export type Wallet = ReturnType<typeof createWallet>;
