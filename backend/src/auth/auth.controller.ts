import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { LoginResponse } from '@envface/streams';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AuthService } from './auth.service';
import { loginRequestSchema, type LoginRequest } from './login-request';

@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  // Brute-force brake: 10 attempts per minute per client address (per instance).
  @Post('login')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  login(@Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest): Promise<LoginResponse> {
    return this.auth.login(body.username, body.password);
  }
}
