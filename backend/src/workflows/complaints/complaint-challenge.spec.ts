import { solveChallenge } from 'altcha-lib/v1';
import type { AppConfig } from '../../platform/config/app-config';
import { ComplaintChallenge } from './complaint-challenge';

// A proof of work is work: each solve is up to 100,000 hashes, seconds on a busy 2-core CI machine.
jest.setTimeout(60_000);

const withKey = (key: string | null) => new ComplaintChallenge({ complaintChallengeKey: key } as AppConfig);

async function solved(challenges: ComplaintChallenge): Promise<string> {
  const c = await challenges.create();
  const s = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
  return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: s!.number, salt: c.salt, signature: c.signature })).toString('base64');
}

describe('ComplaintChallenge', () => {
  it('accepts its own solved challenge and names its signature (to spend it once)', async () => {
    const challenges = withKey('k'.repeat(32));
    const payload = await solved(challenges);
    const check = await challenges.check(payload);
    expect(check).toEqual({ ok: true, signature: JSON.parse(Buffer.from(payload, 'base64').toString()).signature });
  });

  it('refuses a missing answer, garbage, a wrong number and another key\u2019s challenge', async () => {
    const challenges = withKey('k'.repeat(32));
    expect(await challenges.check(undefined)).toEqual({ ok: false, code: 'challenge_required' });
    expect(await challenges.check('%%%')).toEqual({ ok: false, code: 'challenge_failed' });
    const good = JSON.parse(Buffer.from(await solved(challenges), 'base64').toString());
    const wrong = Buffer.from(JSON.stringify({ ...good, number: good.number + 1 })).toString('base64');
    expect(await challenges.check(wrong)).toEqual({ ok: false, code: 'challenge_failed' });
    // Without a configured key each instance makes its own: a challenge of one is refused by another.
    expect(await withKey(null).check(await solved(withKey(null)))).toEqual({ ok: false, code: 'challenge_failed' });
  });

  it('puts an expiry in every challenge', async () => {
    expect((await withKey(null).create()).salt).toMatch(/expires=\d+/);
  });
});
