import { Controller, Get, UseGuards } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user';
import { AuthGuard } from '../../auth/auth.guard';
import { CurrentUser } from '../../auth/current-user.decorator';
import { scopeOf } from '../../auth/jurisdiction';
import { Roles } from '../../auth/roles.decorator';
import { ComplaintService } from './complaint.service';

/** The flood early warning of the complaint queue: enterprises whose reports are being flagged. */
@Controller('api/complaint-alerts')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class ComplaintAlertsController {
  constructor(private readonly complaints: ComplaintService) {}

  @Get()
  alerts(@CurrentUser() user: AuthUser) {
    return this.complaints.alerts(scopeOf(user));
  }
}
