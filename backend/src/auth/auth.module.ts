import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditLogRepository } from './audit-log.repository';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { ExportAuditInterceptor } from './export-audit.interceptor';
import { JwtKeyRing } from './jwt-key-ring';
import { EnterpriseJurisdictionService } from './enterprise-jurisdiction.service';
import { AuthService } from './auth.service';
import { LoginFailureRepository } from './login-failure.repository';
import { SessionRepository } from './session.repository';
import { SessionValidityService } from './session-validity.service';
import { UserRepository } from './user.repository';
import { IngestAuthGuard } from './ingest-auth.guard';
import { ServiceKeyRepository } from './service-key.repository';
import { ServiceKeyService } from './service-key.service';
import { ServiceKeysController } from './service-keys.controller';

/** Login, logout, sessions and their revocation, and the AuthGuard other modules reuse (JwtModule is registered globally by AppModule). */
@Module({
  imports: [ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: 10 }])],
  controllers: [AuthController, ServiceKeysController],
  providers: [
    AuthService,
    AuthGuard,
    EnterpriseJurisdictionService,
    JwtKeyRing,
    UserRepository,
    SessionRepository,
    SessionValidityService,
    LoginFailureRepository,
    AuditLogRepository,
    ServiceKeyRepository,
    ServiceKeyService,
    IngestAuthGuard,
    // Every staff export (.csv/.xlsx) leaves an audit row, whichever module serves it.
    { provide: APP_INTERCEPTOR, useClass: ExportAuditInterceptor },
  ],
  exports: [AuthGuard, EnterpriseJurisdictionService, JwtKeyRing, AuthService, UserRepository, SessionValidityService, AuditLogRepository, IngestAuthGuard, ServiceKeyService],
})
export class AuthModule {}
