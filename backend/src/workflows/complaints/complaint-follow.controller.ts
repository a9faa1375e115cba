import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { followComplaintSchema, type FollowComplaintRequest } from '@envface/streams';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { ComplaintFollowService } from './complaint-follow.service';

/** A citizen follows a report with its reference and the code shown once (no login). */
@Controller('api/public/complaints')
export class ComplaintFollowController {
  constructor(private readonly follow: ComplaintFollowService) {}

  // POST, so the code never lands in URLs or access logs; throttled per client against guessing.
  @Post('follow')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  status(@Body(new ZodValidationPipe(followComplaintSchema)) body: FollowComplaintRequest) {
    return this.follow.status(body);
  }
}
