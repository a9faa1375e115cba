import { randomBytes } from 'node:crypto';
import { weakPasswordReason } from './password-policy';

describe('weakPasswordReason', () => {
  it('refuses common passwords, keyboard walks and the account name, even when long', () => {
    for (const weak of ['password123', 'Password1!', 'qwertyuiop', '1234567890', '12345678aa', 'iloveyou2024', 'zhangwei2024']) {
      expect([weak, weakPasswordReason(weak, ['zhangwei'])]).toEqual([weak, expect.any(String)]);
    }
    expect(weakPasswordReason('company-a-2026', ['company-a'])).toEqual(expect.any(String));
  });

  it('accepts passphrases and generated passwords (the first-start admin password is one)', () => {
    expect(weakPasswordReason('correct horse battery staple')).toBeNull();
    expect(weakPasswordReason('Tide-Kettle-Orbit-17')).toBeNull();
    for (let i = 0; i < 20; i++) expect(weakPasswordReason(randomBytes(12).toString('base64url'))).toBeNull();
  });
});
