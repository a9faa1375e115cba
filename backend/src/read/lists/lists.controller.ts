import { Controller, Get, Header, Param, Query, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { listNameSchema, listQuerySchema, publicListNameSchema, type CreditList, type ListJson, type ListQuery } from '@envface/streams';
import { AuthGuard } from '../../auth/auth.guard';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { listCsv, ListQueryService } from './list-query.service';

/** Credit lists for inspectors (schemas: http-supervision.schema.ts). The .csv route is declared first: `/api/lists/red.csv` also fits `:list`. */
@Controller('api/lists')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class ListsController {
  constructor(private readonly lists: ListQueryService) {}

  @Get(':list.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  async csv(@Param('list', new ZodValidationPipe(listNameSchema)) list: CreditList, @Query(new ZodValidationPipe(listQuerySchema)) q: ListQuery): Promise<string> {
    return listCsv(await this.lists.list(list, q.day));
  }

  @Get(':list')
  get(@Param('list', new ZodValidationPipe(listNameSchema)) list: CreditList, @Query(new ZodValidationPipe(listQuerySchema)) q: ListQuery): Promise<ListJson> {
    return this.lists.list(list, q.day);
  }
}

/** 公示: today's red and black lists, no login. */
@Controller('api/public/lists')
@UseGuards(ThrottlerGuard)
@Throttle({ default: { limit: 60, ttl: 60_000 } })
export class PublicListsController {
  constructor(private readonly lists: ListQueryService) {}

  @Get(':list')
  get(@Param('list', new ZodValidationPipe(publicListNameSchema)) list: 'red' | 'black'): Promise<ListJson> {
    return this.lists.list(list);
  }
}
