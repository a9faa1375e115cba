import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { ScoringModule } from '../../pipeline/score/scoring.module';
import { EnterpriseQueryRepository } from '../../read/enterprises/enterprise-query.repository';
import { RegistryController } from './registry.controller';
import { RegistryEditsService } from './registry-edits.service';
import { RegistryEventSender } from './registry-event.sender';
import { RegistryImportService } from './registry-import.service';
import { RegistryRepository } from './registry.repository';

/** Registry import (dry run, apply), hand registration and batch edits: all as enterprise.upserted events. */
@Module({
  imports: [AuthModule, ScoringModule],
  controllers: [RegistryController],
  providers: [RegistryImportService, RegistryEditsService, RegistryEventSender, RegistryRepository, EnterpriseQueryRepository],
})
export class RegistryImportModule {}
