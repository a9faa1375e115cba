import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile, UseGuards } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user';
import { AuthGuard } from '../../auth/auth.guard';
import { CurrentUser } from '../../auth/current-user.decorator';
import { scopeOf } from '../../auth/jurisdiction';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import {
  complaintIdSchema,
  complaintListQuerySchema,
  dismissComplaintSchema,
  undoVerificationSchema,
  verifyComplaintSchema,
  type ComplaintListQuery,
  type DismissComplaintRequest,
  type UndoVerificationRequest,
  type VerifyComplaintRequest,
} from './complaint-requests';
import { ComplaintService } from './complaint.service';

/** The inspectors' complaint queue. */
@Controller('api/complaints')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintService) {}

  @Get()
  list(@Query(new ZodValidationPipe(complaintListQuerySchema)) q: ComplaintListQuery, @CurrentUser() user: AuthUser) {
    return this.complaints.list(q, scopeOf(user));
  }

  @Get(':id')
  get(@Param('id', new ZodValidationPipe(complaintIdSchema)) id: string, @CurrentUser() user: AuthUser) {
    return this.complaints.get(id, scopeOf(user));
  }

  @Get(':id/photo')
  async photo(@Param('id', new ZodValidationPipe(complaintIdSchema)) id: string, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    const { photo, type } = await this.complaints.photo(id, scopeOf(user));
    // The type was checked by magic bytes on upload; nosniff keeps browsers from second-guessing it.
    return new StreamableFile(photo, { type, disposition: 'inline' });
  }

  @Post(':id/verify')
  @HttpCode(200)
  verify(
    @Param('id', new ZodValidationPipe(complaintIdSchema)) id: string,
    @Body(new ZodValidationPipe(verifyComplaintSchema)) body: VerifyComplaintRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return this.complaints.verify(id, user, body.reason);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  dismiss(
    @Param('id', new ZodValidationPipe(complaintIdSchema)) id: string,
    @Body(new ZodValidationPipe(dismissComplaintSchema)) body: DismissComplaintRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return this.complaints.dismiss(id, user, body.reason);
  }

  /** Within 10 minutes of the verification; later the enterprise's appeal is the way back. */
  @Post(':id/undo-verification')
  @HttpCode(200)
  undoVerification(
    @Param('id', new ZodValidationPipe(complaintIdSchema)) id: string,
    @Body(new ZodValidationPipe(undoVerificationSchema)) body: UndoVerificationRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return this.complaints.undoVerification(id, user, body.reason);
  }
}
