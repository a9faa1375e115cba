import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { UserRepository } from './user.repository';

/** Login, users and the AuthGuard other modules reuse (JwtModule is registered globally by AppModule). */
@Module({
  imports: [ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: 10 }])],
  controllers: [AuthController],
  providers: [AuthService, AuthGuard, UserRepository],
  exports: [AuthGuard, AuthService, UserRepository],
})
export class AuthModule {}
