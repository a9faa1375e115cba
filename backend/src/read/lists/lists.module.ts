import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { ListQueryRepository } from './list-query.repository';
import { ListQueryService } from './list-query.service';
import { ListsController, PublicListsController } from './lists.controller';

/** Read side of the credit lists (runs written by pipeline/lists). */
@Module({
  imports: [AuthModule],
  controllers: [ListsController, PublicListsController],
  providers: [ListQueryService, ListQueryRepository],
})
export class ListsModule {}
