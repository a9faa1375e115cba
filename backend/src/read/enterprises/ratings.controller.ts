import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ratingsRangeQuerySchema, type RatingDayDetail, type RatingsRangeQuery, type RatingsRangeResponse } from '@envface/streams';
import { AuthGuard } from '../../auth/auth.guard';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { RatingQueryService } from '../ratings/rating-query.service';

@Controller('api/enterprises/:uscc/ratings')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class RatingsController {
  constructor(private readonly query: RatingQueryService) {}

  /** Daily ratings (latest revision of each day) from `from` to `to`, at most 400 days. */
  @Get()
  range(@Param('uscc') uscc: string, @Query(new ZodValidationPipe(ratingsRangeQuerySchema)) q: RatingsRangeQuery): Promise<RatingsRangeResponse> {
    return this.query.range(uscc, q.from, q.to);
  }

  /** One day with criteria, bonus and the explanation. */
  @Get(':day')
  detail(@Param('uscc') uscc: string, @Param('day') day: string): Promise<RatingDayDetail> {
    return this.query.detail(uscc, day);
  }
}
