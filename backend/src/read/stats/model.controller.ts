import { Controller, Get, Inject } from '@nestjs/common';
import { ratingModelJson, type RatingModel, type RuleBook } from '@envface/streams';
import { RULE_BOOK } from '../../platform/rule-book';

/**
 * GET /api/model: the numbers of the rule book this server rates with (star thresholds, criterion
 * weights, indicators, version), so the web app never keeps copies of them. Public: the rating law
 * is public, and the QR page may draw thresholds too.
 */
@Controller('api/model')
export class ModelController {
  private readonly model: RatingModel;

  constructor(@Inject(RULE_BOOK) book: RuleBook) {
    // The rule book is fixed for the life of the process.
    this.model = ratingModelJson(book);
  }

  @Get()
  get(): RatingModel {
    return this.model;
  }
}
