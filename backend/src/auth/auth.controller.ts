import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { ZodValidationPipe } from '../platform/web/zod-validation.pipe';
import { AuthService } from './auth.service';
import { LoginRequestDoc, LoginResponseDoc, loginRequestSchema, type LoginRequest } from './login-request';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  // Brute-force brake: 10 attempts per minute per client address (per instance).
  @Post('login')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiBody({ type: LoginRequestDoc })
  @ApiOkResponse({ type: LoginResponseDoc })
  @ApiUnauthorizedResponse({ description: 'wrong username or password' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts' })
  login(@Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest): Promise<{ token: string }> {
    return this.auth.login(body.username, body.password);
  }
}
