import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AccountsModule } from './accounts/accounts.module';
import { AuthModule } from './auth/auth.module';
import { IngestModule } from './pipeline/ingest/ingest.module';
import { PublishModule } from './pipeline/publish/publish.module';
import { RolloverModule } from './pipeline/rollover/rollover.module';
import { ScoringModule } from './pipeline/score/scoring.module';
import type { AppDependencies } from './platform/bootstrap/app-dependencies';
import { CoreModule } from './platform/bootstrap/core.module';
import { HealthModule } from './platform/health/health.module';
import { MetricsModule } from './platform/metrics/metrics.module';
import { AllExceptionsFilter } from './platform/web/all-exceptions.filter';
import { AuditModule } from './read/audit/audit.module';
import { DeadLettersModule } from './read/dead-letters/dead-letters.module';
import { EnterprisesModule } from './read/enterprises/enterprises.module';
import { PortalModule } from './read/portal/portal.module';
import { PublicModule } from './read/public-view/public.module';
import { StatsModule } from './read/stats/stats.module';
import { ComparisonModule } from './read/comparison/comparison.module';
import { AppealsModule } from './workflows/appeals/appeals.module';
import { ComplaintsModule } from './workflows/complaints/complaints.module';
import { DeadLetterRedriveModule } from './workflows/dead-letter-redrive/dead-letter-redrive.module';
import { PublicTokenModule } from './workflows/public-token/public-token.module';
import { InspectionPlansModule } from './workflows/inspection-plans/inspection-plans.module';
import { ListsModule } from './read/lists/lists.module';
import { CreditNoticesModule } from './workflows/credit-notices/credit-notices.module';
import { RegistryImportModule } from './workflows/registry-import/registry-import.module';

/** The composition root: platform, the data path (pipeline/), the read side (read/), workflows, auth and accounts. */
@Module({})
export class AppModule {
  static forRoot(deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(deps),
        JwtModule.register({
          global: true,
          secret: deps.jwtSecret,
          signOptions: { algorithm: 'HS256', expiresIn: '12h' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        AuthModule,
        HealthModule,
        MetricsModule,
        // The data path: ingest → score → outbox → publish, and the rollover.
        IngestModule,
        ScoringModule,
        PublishModule,
        RolloverModule,
        // Reads.
        EnterprisesModule,
        StatsModule,
        ComparisonModule,
        PublicModule,
        PortalModule,
        DeadLettersModule,
        AuditModule,
        // Workflows.
        ComplaintsModule,
        AppealsModule,
        DeadLetterRedriveModule,
        PublicTokenModule,
        AccountsModule,
        InspectionPlansModule,
        ListsModule,
        CreditNoticesModule,
        RegistryImportModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
