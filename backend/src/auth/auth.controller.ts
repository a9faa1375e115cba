import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { ZodValidationPipe } from '../platform/web/zod-validation.pipe';
import { AuthGuard, type AuthenticatedRequest } from './auth.guard';
import { AuthService } from './auth.service';
import { AllowPendingPasswordChange } from './roles.decorator';
import { loginRequestSchema, type LoginRequest } from './login-request';

@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  // Brute-force brakes: 10 attempts per minute per client address (per instance); per user name,
  // growing locks after 5 failures (all instances); at most 2 password hashes at a time.
  @Post('login')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  login(@Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest, @Req() request: Request): Promise<{ token: string }> {
    return this.auth.login(body.username, body.password, request.ip ?? null);
  }

  /** Ends the session of this token on the server (other sessions of the account stay). */
  @Post('logout')
  @HttpCode(204)
  @UseGuards(AuthGuard)
  @AllowPendingPasswordChange()
  async logout(@Req() request: AuthenticatedRequest): Promise<void> {
    await this.auth.logout(request.user, request.session, request.ip ?? null);
  }
}
