import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { ApiError } from '../platform/web/api-error';
import { AccountService } from './account.service';

/**
 * After AuthGuard on enterprise-facing routes: an enterprise account that still has the password an
 * inspector set must change it first (403 password_change_required), and a disabled account is out.
 */
@Injectable()
export class PasswordChangeGuard implements CanActivate {
  constructor(private readonly accounts: AccountService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!user || user.role !== 'enterprise') return true;
    const account = await this.accounts.current(user);
    if (account.must_change_password) throw new ApiError(403, 'password_change_required', 'Change the initial password first');
    return true;
  }
}
