import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthModule } from './auth/auth.module';
import type { AppDependencies } from './bootstrap/app-dependencies';
import { CoreModule } from './bootstrap/core.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { HealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { MetricsModule } from './metrics/metrics.module';
import { ScoringModule } from './scoring/scoring.module';
import { KafkaModule } from './kafka/kafka.module';
import { RolloverModule } from './rollover/rollover.module';
import { SimulationModule } from './simulation/simulation.module';
import { EnterprisesModule } from './enterprises/enterprises.module';
import { StatsModule } from './stats/stats.module';
import { OperationsModule } from './operations/operations.module';
import { PublicModule } from './public/public.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { AppealsModule } from './appeals/appeals.module';
import { AccountsModule } from './accounts/accounts.module';
import { InspectionPlansModule } from './workflows/inspection-plans/inspection-plans.module';
import { ListsModule } from './read/lists/lists.module';
import { CreditNoticesModule } from './workflows/credit-notices/credit-notices.module';

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
        InspectionPlansModule,
        ListsModule,
        CreditNoticesModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
