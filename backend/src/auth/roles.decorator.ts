import { SetMetadata } from '@nestjs/common';
import type { Role } from './auth-user';

export const ROLES_KEY = 'envface:roles';

/** Roles allowed on a handler or controller (with AuthGuard). No @Roles = any authenticated user. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

export const ALLOW_PENDING_PASSWORD_CHANGE_KEY = 'envface:allow-pending-password-change';

/** Routes an account with an initial (or reset) password may still call: who am I, change it, log out. */
export const AllowPendingPasswordChange = (): MethodDecorator & ClassDecorator => SetMetadata(ALLOW_PENDING_PASSWORD_CHANGE_KEY, true);
