import { Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { z } from 'zod';
import { AuthGuard } from '../../auth/auth.guard';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/current-user.decorator';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { DeadLetterRedriveService } from './dead-letter-redrive.service';

const idParam = z.string().regex(/^[1-9][0-9]{0,17}$/, 'a dead letter id');

/** Re-drive of a dead letter through the pipeline (inspectors); the letters themselves are read in read/dead-letters. */
@ApiTags('operations')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no or bad token' })
@ApiForbiddenResponse({ description: 'not an inspector' })
@ApiBadRequestResponse({ description: 'unknown or invalid parameter' })
@Controller('api/dead-letters')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class DeadLetterRedriveController {
  constructor(private readonly redrives: DeadLetterRedriveService) {}

  @Post(':id/redrive')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'The message was sent through the pipeline again; what became of it (a second rejection is an answer, not an error)',
    schema: { type: 'object', properties: { outcome: { type: 'string', enum: ['accepted', 'duplicate', 'rejected'] }, reason: { type: 'string', nullable: true }, detail: { type: 'string' }, revisions: { type: 'integer' } } },
  })
  @ApiNotFoundResponse({ description: 'unknown id' })
  redrive(@Param('id', new ZodValidationPipe(idParam)) id: string, @CurrentUser() user: AuthUser) {
    return this.redrives.redrive(id, user);
  }
}
