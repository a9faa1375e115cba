import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { appealEvidenceIdSchema, MAX_APPEAL_EVIDENCE_BYTES } from '@envface/streams';
import { ApiError } from '../../platform/web/api-error';
import type { AuthUser } from '../../auth/auth-user';
import { AuthGuard } from '../../auth/auth.guard';
import { CurrentUser } from '../../auth/current-user.decorator';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { PasswordChangeGuard } from '../../accounts/password-change.guard';
import {
  acceptAppealSchema,
  appealIdSchema,
  appealListQuerySchema,
  newAppealSchema,
  rejectAppealSchema,
  type AcceptAppealRequest,
  type AppealListQuery,
  type NewAppealRequest,
  type RejectAppealRequest,
} from './appeal-requests';
import { AppealService } from './appeal.service';

/** Appeals: enterprises file and follow their own; inspectors decide. */
@Controller('api/appeals')
@UseGuards(AuthGuard, PasswordChangeGuard)
export class AppealsController {
  constructor(private readonly appeals: AppealService) {}

  @Post()
  @Roles('enterprise')
  submit(@Body(new ZodValidationPipe(newAppealSchema)) body: NewAppealRequest, @CurrentUser() user: AuthUser) {
    return this.appeals.submit(user, body);
  }

  @Get()
  @Roles('admin', 'inspector', 'enterprise')
  list(@Query(new ZodValidationPipe(appealListQuerySchema)) q: AppealListQuery, @CurrentUser() user: AuthUser) {
    return this.appeals.list(user, q);
  }

  @Get(':id')
  @Roles('admin', 'inspector', 'enterprise')
  get(@Param('id', new ZodValidationPipe(appealIdSchema)) id: string, @CurrentUser() user: AuthUser) {
    return this.appeals.get(user, id);
  }

  @Post(':id/evidence')
  @HttpCode(201)
  @Roles('enterprise')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_APPEAL_EVIDENCE_BYTES, files: 1, fields: 2, parts: 3 } }))
  attachEvidence(
    @Param('id', new ZodValidationPipe(appealIdSchema)) id: string,
    @UploadedFile() file: { buffer: Buffer; size: number; originalname?: string } | undefined,
    @CurrentUser() user: AuthUser,
  ) {
    if (!file) throw new ApiError(400, 'invalid_input', 'Send the file as the multipart field `file`');
    return this.appeals.attachEvidence(user, id, file);
  }

  @Get(':id/evidence/:evidenceId')
  @Roles('admin', 'inspector', 'enterprise')
  async evidence(
    @Param('id', new ZodValidationPipe(appealIdSchema)) id: string,
    @Param('evidenceId', new ZodValidationPipe(appealEvidenceIdSchema)) evidenceId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    const file = await this.appeals.evidenceFile(user, id, evidenceId);
    // Always a download (never rendered in our origin); the type was checked by magic bytes on upload.
    return new StreamableFile(file.bytes, { type: file.content_type, disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}` });
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('admin', 'inspector')
  accept(
    @Param('id', new ZodValidationPipe(appealIdSchema)) id: string,
    @Body(new ZodValidationPipe(acceptAppealSchema)) body: AcceptAppealRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return this.appeals.accept(user, id, body.reason);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('admin', 'inspector')
  reject(
    @Param('id', new ZodValidationPipe(appealIdSchema)) id: string,
    @Body(new ZodValidationPipe(rejectAppealSchema)) body: RejectAppealRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return this.appeals.reject(user, id, body.reason);
  }
}
