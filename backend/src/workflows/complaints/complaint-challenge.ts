import { randomBytes } from 'node:crypto';
import type { AltchaChallenge } from '@envface/streams';
import { Inject, Injectable } from '@nestjs/common';
// altcha-lib's v1 protocol: a SHA-256 proof of work signed with our HMAC key; no outside service.
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';

/** Counter range of a challenge: a phone finds the number in about a second on average. */
export const CHALLENGE_MAX_NUMBER = 100_000;
/** A challenge must be solved and spent within this time. */
export const CHALLENGE_TTL_SECONDS = 10 * 60;

export type ChallengeCheck = { ok: true; signature: string } | { ok: false; code: 'challenge_required' | 'challenge_failed' };

/**
 * Proof-of-work challenges of public reports (issue #15 finding 5): asked for while an enterprise
 * receives many reports, so one flooder pays for each report without silencing everyone else.
 */
@Injectable()
export class ComplaintChallenge {
  private readonly hmacKey: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.hmacKey = config.complaintChallengeKey ?? randomBytes(32).toString('hex');
  }

  async create(): Promise<AltchaChallenge> {
    const c = await createChallenge({
      hmacKey: this.hmacKey,
      maxNumber: CHALLENGE_MAX_NUMBER,
      expires: new Date(Date.now() + CHALLENGE_TTL_SECONDS * 1000),
    });
    return { algorithm: c.algorithm, challenge: c.challenge, maxnumber: c.maxnumber ?? CHALLENGE_MAX_NUMBER, salt: c.salt, signature: c.signature };
  }

  /** Checks a solved challenge (signature, expiry, answer); the caller spends the signature once. */
  async check(payload: string | undefined): Promise<ChallengeCheck> {
    if (!payload) return { ok: false, code: 'challenge_required' };
    let signature: unknown;
    try {
      const decoded: unknown = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
      signature = (decoded as { signature?: unknown }).signature;
      if (typeof signature !== 'string' || !(await verifySolution(payload, this.hmacKey, true))) return { ok: false, code: 'challenge_failed' };
      // verifySolution checks `expires` only when the salt carries it: ours always does.
      if (!extractParams(payload).expires) return { ok: false, code: 'challenge_failed' };
    } catch {
      return { ok: false, code: 'challenge_failed' };
    }
    return { ok: true, signature };
  }
}
