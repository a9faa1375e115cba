import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { AllowPendingPasswordChange, Roles } from '../auth/roles.decorator';
import { ZodValidationPipe } from '../platform/web/zod-validation.pipe';
import {
  accountListQuerySchema,
  changePasswordSchema,
  jurisdictionSchema,
  newAccountSchema,
  type JurisdictionRequest,
  type AccountListQuery,
  type ChangePasswordRequest,
  type NewAccountRequest,
  usernameSchema,
} from './account-requests';
import { AccountService } from './account.service';

@Controller('api/accounts')
@UseGuards(AuthGuard)
export class AccountsController {
  constructor(private readonly accounts: AccountService) {}

  /** Admin creates any account; inspectors create enterprise accounts (bound to one USCC). */
  @Post()
  @Roles('admin', 'inspector')
  create(@Body(new ZodValidationPipe(newAccountSchema)) body: NewAccountRequest, @CurrentUser() user: AuthUser) {
    return this.accounts.create(user, body);
  }

  /** With last login; inspectors see enterprise accounts only. */
  @Get()
  @Roles('admin', 'inspector')
  list(@Query(new ZodValidationPipe(accountListQuerySchema)) q: AccountListQuery, @CurrentUser() user: AuthUser) {
    return this.accounts.list(user, q);
  }

  /** Every token of the account is refused and its sockets are closed within 1 s. */
  @Post(':username/disable')
  @HttpCode(204)
  @Roles('admin')
  async disable(@Param('username', new ZodValidationPipe(usernameSchema)) username: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.accounts.setDisabled(user, username, true);
  }

  /** Old tokens stay refused (the account signs in again). */
  @Post(':username/enable')
  @HttpCode(204)
  @Roles('admin')
  async enable(@Param('username', new ZodValidationPipe(usernameSchema)) username: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.accounts.setDisabled(user, username, false);
  }

  /** An inspector's region-code prefixes (empty: everything); their sessions end at once. */
  @Post(':username/jurisdiction')
  @HttpCode(200)
  @Roles('admin')
  setJurisdiction(
    @Param('username', new ZodValidationPipe(usernameSchema)) username: string,
    @Body(new ZodValidationPipe(jurisdictionSchema)) body: JurisdictionRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return this.accounts.setJurisdiction(user, username, body.regionPrefixes);
  }

  /** A one-time password shown once; the owner must choose a new one at next login. */
  @Post(':username/password-reset')
  @HttpCode(200)
  @Roles('admin')
  resetPassword(@Param('username', new ZodValidationPipe(usernameSchema)) username: string, @CurrentUser() user: AuthUser) {
    return this.accounts.resetPassword(user, username);
  }

  /** Any signed-in account: who am I, must I change my password. */
  @Get('me')
  @AllowPendingPasswordChange()
  me(@CurrentUser() user: AuthUser) {
    return this.accounts.me(user);
  }

  // Guessing the current password through this route is braked like login.
  @Post('me/password')
  @AllowPendingPasswordChange()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  changePassword(@Body(new ZodValidationPipe(changePasswordSchema)) body: ChangePasswordRequest, @CurrentUser() user: AuthUser) {
    return this.accounts.changePassword(user, body);
  }
}
