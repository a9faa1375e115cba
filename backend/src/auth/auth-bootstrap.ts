import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../platform/config/app-config';
import type { AppSettingsRepository } from '../platform/settings/app-settings.repository';
import { hashPassword } from './password-hasher';
import { weakPasswordReason } from './password-policy';
import type { UserRepository } from './user.repository';

export const ADMIN_USERNAME = 'admin';
const JWT_SECRET_KEY = 'auth.jwt_secret';

/**
 * The HS256 key: ENVFACE_JWT_SECRET when set, else a random key created once and stored in the
 * database, so every instance behind a load balancer accepts every other instance's tokens.
 */
export async function resolveJwtSecret(config: AppConfig, settings: AppSettingsRepository): Promise<string> {
  if (config.jwtSecret !== null) return config.jwtSecret;
  return settings.findOrInsert(JWT_SECRET_KEY, randomBytes(48).toString('base64url'));
}

/**
 * Creates the built-in `admin` account on the very first start (never again, so a password changed
 * later is not reset by a restart). A generated password is printed once, on stdout, outside the
 * JSON logs so it is easy to spot and not shipped to log storage as a structured field.
 */
export async function ensureAdminAccount(
  config: AppConfig,
  users: UserRepository,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  logger: Logger = new Logger('AuthBootstrap'),
): Promise<'created' | 'exists'> {
  if ((await users.findByUsername(ADMIN_USERNAME)) !== null) return 'exists';
  const generated = config.adminPassword === null;
  const password = config.adminPassword ?? randomBytes(12).toString('base64url');
  const created = await users.insertIfMissing({
    username: ADMIN_USERNAME,
    passwordHash: await hashPassword(password),
    role: 'admin',
    enterpriseId: null,
    mustChangePassword: generated,
  });
  if (!created) return 'exists'; // another instance won the race
  if (generated) {
    print(`ENVFACE ADMIN PASSWORD (shown only once): user "${ADMIN_USERNAME}" password "${password}"`);
  } else {
    logger.log(`created account "${ADMIN_USERNAME}" with the password from ENVFACE_ADMIN_PASSWORD`);
    // The operator's choice is kept (refusing it would stop the start), but said out loud.
    if (weakPasswordReason(password, [ADMIN_USERNAME]) !== null) {
      logger.warn('ENVFACE_ADMIN_PASSWORD is easy to guess (zxcvbn score < 3): change it after the first login');
    }
  }
  return 'created';
}
