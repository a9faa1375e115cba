import { Module } from '@nestjs/common';
import { RatingQueryService } from './rating-query.service';
import { RatingReadRepository } from './rating-read.repository';

/** Stored ratings as every view reads them (the contract's day and range rules live in RatingQueryService). */
@Module({
  providers: [RatingReadRepository, RatingQueryService],
  exports: [RatingReadRepository, RatingQueryService],
})
export class RatingsModule {}
