import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthModule } from './auth/auth.module';
import type { AppDependencies } from './platform/bootstrap/app-dependencies';
import { CoreModule } from './platform/bootstrap/core.module';
import { AllExceptionsFilter } from './platform/web/all-exceptions.filter';
import { HealthModule } from './platform/health/health.module';
import { LiveModule } from './pipeline/publish/live/live.module';
import { MetricsModule } from './platform/metrics/metrics.module';
import { ScoringModule } from './pipeline/score/scoring.module';
import { KafkaModule } from './pipeline/ingest/kafka.module';
import { RolloverModule } from './pipeline/rollover/rollover.module';
import { SimulationModule } from './pipeline/ingest/simulation.module';
import { EnterprisesModule } from './read/enterprises/enterprises.module';
import { StatsModule } from './read/stats/stats.module';
import { OperationsModule } from './read/dead-letters/dead-letters.module';
import { PublicModule } from './read/public-view/public.module';
import { ComplaintsModule } from './workflows/complaints/complaints.module';
import { AppealsModule } from './workflows/appeals/appeals.module';
import { AccountsModule } from './accounts/accounts.module';

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
        ScoringModule,
        LiveModule,
        KafkaModule,
        RolloverModule,
        SimulationModule,
        EnterprisesModule,
        StatsModule,
        OperationsModule,
        PublicModule,
        ComplaintsModule,
        AppealsModule,
        AccountsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
