import type { UserId } from './users.js';

export interface Verification {
  id: string;
  userId: UserId;
  fullName: string;
  documentType: string;
  fileRef: string;
  fileSha256: string;
  targetTier: number;
  status: 'pending' | 'approved' | 'rejected';
  reason?: string;
  createdAt: Date;
}

export type NewVerification = Pick<Verification, 'userId' | 'fullName' | 'documentType' | 'fileRef' | 'fileSha256' | 'targetTier'> & {
  submitKey: string;
};

export interface VerificationPort {
  /** One pending submission per wallet; the same key returns the first submission. */
  submit(input: NewVerification): Promise<{ verification: Verification } | { pending: Verification }>;
  get(id: string): Promise<Verification | undefined>;
  listPending(limit: number): Promise<Verification[]>;
  /** pending → approved (raising the tier) or rejected, notifying the user, atomically. */
  /** Completes the operator's confirmed challenge in the same transaction; `cancelled` if it was cancelled. */
  decide(
    id: string,
    decision: { approved: true } | { approved: false; reason: string },
    operatorId: UserId,
    challengeId: string,
  ): Promise<Verification | 'cancelled' | undefined>;
}
