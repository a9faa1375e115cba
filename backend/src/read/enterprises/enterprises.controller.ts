import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import type { EnterpriseDetail, EnterpriseListResponse } from '@envface/streams';
import { AuthGuard } from '../../auth/auth.guard';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/current-user.decorator';
import { scopeOf } from '../../auth/jurisdiction';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { enterpriseListQuery, type EnterpriseListQuery } from './enterprise-list.query';
import { EnterpriseSearchService } from './enterprise-search.service';

/** The explorer. Requests and answers: streams/src/contract/http-enterprises.schema.ts. */
@Controller('api/enterprises')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class EnterprisesController {
  constructor(private readonly search: EnterpriseSearchService) {}

  @Get()
  list(@Query(new ZodValidationPipe(enterpriseListQuery)) q: EnterpriseListQuery, @CurrentUser() user: AuthUser): Promise<EnterpriseListResponse> {
    return this.search.list(q, scopeOf(user));
  }

  @Get(':uscc')
  detail(@Param('uscc') uscc: string): Promise<EnterpriseDetail> {
    return this.search.detail(uscc);
  }
}
