import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ZodValidationPipe } from '../platform/web/zod-validation.pipe';
import {
  accountListQuerySchema,
  changePasswordSchema,
  newAccountSchema,
  type AccountListQuery,
  type ChangePasswordRequest,
  type NewAccountRequest,
} from './account-requests';
import { AccountService } from './account.service';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('api/accounts')
@UseGuards(AuthGuard)
export class AccountsController {
  constructor(private readonly accounts: AccountService) {}

  /** Inspectors create enterprise accounts (role enterprise, bound to one USCC). */
  @Post()
  @Roles('admin', 'inspector')
  create(@Body(new ZodValidationPipe(newAccountSchema)) body: NewAccountRequest) {
    return this.accounts.createEnterpriseAccount(body);
  }

  @Get()
  @Roles('admin', 'inspector')
  list(@Query(new ZodValidationPipe(accountListQuerySchema)) q: AccountListQuery) {
    return this.accounts.list(q);
  }

  /** Any signed-in account: who am I, must I change my password. */
  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return this.accounts.me(user);
  }

  // Guessing the current password through this route is braked like login.
  @Post('me/password')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  changePassword(@Body(new ZodValidationPipe(changePasswordSchema)) body: ChangePasswordRequest, @CurrentUser() user: AuthUser) {
    return this.accounts.changePassword(user, body);
  }
}
