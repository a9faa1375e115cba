import { createHash, randomBytes } from 'node:crypto';
import type { ComplaintFollow, FollowComplaintRequest } from '@envface/streams';
import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/db/database.service';
import { ApiError } from '../../platform/web/api-error';
import { ComplaintFollowRepository } from './complaint-follow.repository';

const hashOf = (code: string): string => createHash('sha256').update(`envface-follow:${code}`).digest('hex');

/**
 * Following a report (issue 14 §6): the citizen gets a random code once, with the reference; only its
 * hash is stored. A wrong code and an unknown reference get the same 404, so codes cannot be tested
 * against references; the route is rate-limited per client.
 */
@Injectable()
export class ComplaintFollowService {
  constructor(
    private readonly db: Database,
    private readonly follow: ComplaintFollowRepository,
  ) {}

  /** Issues the code of a new report (72 random bits, 12 URL-safe characters). */
  async issue(id: string): Promise<string> {
    const code = randomBytes(9).toString('base64url');
    await this.follow.setCodeHash(this.db, id, hashOf(code));
    return code;
  }

  async status(body: FollowComplaintRequest): Promise<ComplaintFollow> {
    const id = body.reference.slice(4);
    const row = await this.follow.find(this.db, id, hashOf(body.code));
    if (!row) throw new ApiError(404, 'not_found', 'No report with this reference and code');
    return {
      reference: `CMP-${row.id}`,
      enterpriseName: row.enterprise_name,
      category: row.category,
      receivedAt: row.created_at.toISOString(),
      status: row.status === 'pending' ? 'received' : row.status,
      decidedAt: row.decided_at?.toISOString() ?? null,
      // The reason of a dismissal is for the citizen; an inspector's verification note stays internal.
      reason: row.status === 'dismissed' ? row.decision_reason : null,
    };
  }
}
