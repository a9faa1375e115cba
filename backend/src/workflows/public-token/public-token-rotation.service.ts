import { Inject, Injectable } from '@nestjs/common';
import { AuditLogRepository } from '../../auth/audit-log.repository';
import type { AuthUser } from '../../auth/auth-user';
import { ApiError } from '../../platform/web/api-error';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/db/database.service';
import { newPublicToken, publicPageUrl } from '../../platform/public-token';
import { PublicGateway } from '../../pipeline/publish/public.gateway';
import { PublicEnterpriseRepository } from '../../read/public-view/public-enterprise.repository';
import { PublicSignService } from '../../read/public-view/public-sign.service';

/** Rotation of an enterprise's public token (inspectors). */
@Injectable()
export class PublicTokenRotationService {
  constructor(
    private readonly db: Database,
    private readonly enterprises: PublicEnterpriseRepository,
    private readonly signs: PublicSignService,
    private readonly gateway: PublicGateway,
    private readonly audit: AuditLogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new token; the old URL (and every printed sign with it) answers 404 from now on. */
  async rotate(uscc: string, by: AuthUser): Promise<{ uscc: string; publicUrl: string }> {
    await this.signs.find(uscc);
    const token = newPublicToken();
    if (!(await this.enterprises.rotateToken(this.db, uscc, token))) throw new ApiError(404, 'enterprise_not_found', `No enterprise ${uscc}`);
    // Phones still watching the old page must not keep receiving updates through a revoked token.
    this.gateway.disconnectEnterprise(uscc);
    // The token itself is a bearer secret: recorded is who rotated whose, never the token.
    void this.audit.record({ action: 'public_token.rotated', actor: { id: by.id, username: by.username }, target: uscc });
    return { uscc, publicUrl: publicPageUrl(this.config.publicBaseUrl, token) };
  }
}
