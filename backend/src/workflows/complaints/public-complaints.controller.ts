import { Body, Controller, Get, HttpCode, Param, Post, Req, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { newComplaintSchema, type NewComplaintRequest } from './complaint-requests';
import { ComplaintService, type UploadedPhoto } from './complaint.service';
import { MAX_PHOTO_BYTES } from './photo-type';

/** 码上监督: anyone holding the code may report a problem (no login). */
@Controller('api/public')
export class PublicComplaintsController {
  constructor(private readonly complaints: ComplaintService) {}

  /** A proof-of-work challenge, and whether the next report needs it solved (many reports right now). */
  @Get(':token/complaints/challenge')
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 30, ttl: 60_000 } })
  challenge(@Param('token') token: string, @Req() request: Request) {
    return this.complaints.challenge(token, request.ip ?? request.socket.remoteAddress ?? 'unknown');
  }

  // The per-instance throttle stops a burst before it reaches the database; the real limits
  // (per client and per enterprise, across instances) are counted by ComplaintService.
  @Post(':token/complaints')
  @HttpCode(201)
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 20, ttl: 60_000 } })
  @UseInterceptors(
    FileInterceptor('photo', { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 6, fieldSize: 8 * 1024, parts: 7 } }),
  )
  submit(
    @Param('token') token: string,
    @Body(new ZodValidationPipe(newComplaintSchema)) body: NewComplaintRequest,
    @UploadedFile() photo: UploadedPhoto | undefined,
    @Req() request: Request,
  ) {
    return this.complaints.submit(token, body, photo ?? null, request.ip ?? request.socket.remoteAddress ?? 'unknown');
  }
}
