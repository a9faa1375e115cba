import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuthGuard } from '../../auth/auth.guard';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { RatingQueryService } from '../ratings/rating-query.service';

const rangeQuery = z.object({ from: z.string().optional(), to: z.string().optional() }).strict();

@ApiTags('ratings')
@ApiBearerAuth()
@Controller('api/enterprises/:uscc/ratings')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class RatingsController {
  constructor(private readonly query: RatingQueryService) {}

  /** Daily ratings (latest revision of each day) from `from` to `to`, at most 400 days. */
  @Get()
  range(@Param('uscc') uscc: string, @Query(new ZodValidationPipe(rangeQuery)) q: z.infer<typeof rangeQuery>) {
    return this.query.range(uscc, q.from, q.to);
  }

  /** One day with criteria, bonus and the explanation. */
  @Get(':day')
  detail(@Param('uscc') uscc: string, @Param('day') day: string) {
    return this.query.detail(uscc, day);
  }
}
