import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditLogRepository } from './audit-log.repository';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginFailureRepository } from './login-failure.repository';
import { SessionRepository } from './session.repository';
import { SessionValidityService } from './session-validity.service';
import { UserRepository } from './user.repository';

/** Login, logout, sessions and their revocation, and the AuthGuard other modules reuse (JwtModule is registered globally by AppModule). */
@Module({
  imports: [ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: 10 }])],
  controllers: [AuthController],
  providers: [AuthService, AuthGuard, UserRepository, SessionRepository, SessionValidityService, LoginFailureRepository, AuditLogRepository],
  exports: [AuthGuard, AuthService, UserRepository, SessionValidityService, AuditLogRepository],
})
export class AuthModule {}
