import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AuthGuard, type AuthenticatedRequest } from './auth.guard';
import { AuthService } from './auth.service';
import { AllowPendingPasswordChange } from './roles.decorator';
import { LoginRequestDoc, LoginResponseDoc, loginRequestSchema, type LoginRequest } from './login-request';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  // Brute-force brakes: 10 attempts per minute per client address (per instance); per user name,
  // growing locks after 5 failures (all instances); at most 2 password hashes at a time.
  @Post('login')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiBody({ type: LoginRequestDoc })
  @ApiOkResponse({ type: LoginResponseDoc })
  @ApiUnauthorizedResponse({ description: 'wrong username or password' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts (this client, this name, or everyone at once)' })
  login(@Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest, @Req() request: Request): Promise<{ token: string }> {
    return this.auth.login(body.username, body.password, request.ip ?? null);
  }

  /** Ends the session of this token on the server (other sessions of the account stay). */
  @Post('logout')
  @HttpCode(204)
  @UseGuards(AuthGuard)
  @AllowPendingPasswordChange()
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'this token is refused from now on' })
  async logout(@Req() request: AuthenticatedRequest): Promise<void> {
    await this.auth.logout(request.user, request.session, request.ip ?? null);
  }
}
