import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiError } from '../platform/web/api-error';
import type { TokenClaims } from './auth-user';
import { dummyPasswordHash, verifyPassword } from './password-hasher';
import { UserRepository } from './user.repository';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly jwt: JwtService,
  ) {}

  /** A signed token for valid credentials; the same 401 for unknown user, wrong password or disabled account. */
  async login(username: string, password: string): Promise<{ token: string }> {
    const user = await this.users.findByUsername(username);
    // Hash even for unknown users so response time does not reveal which usernames exist.
    const matches = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
    if (user === null || !matches || user.disabled) {
      throw new ApiError(401, 'invalid_credentials', 'Wrong username or password');
    }
    const claims: TokenClaims = { sub: user.id, name: user.username, role: user.role, enterpriseId: user.enterprise_id };
    return { token: await this.jwt.signAsync(claims) };
  }
}
