import { defaultRuleBook } from './rule-set';
import { deadLetterMessage, deadLetterMessageSchema } from '../contract/dead-letter-message.schema';
import { isRatingChangeMessage, ratingChangeMessage, ratingChangeMessageSchema } from '../contract/rating-message.schema';
import { ratingModelJson } from './rating-json';
import { ratingModelSchema } from '../contract/http-model.schema';

describe('the rating-change message', () => {
  const rating = { day: '2026-11-21', score: 78.1, stars: 3, face: 'neutral', colour: 'yellow', grade: 'good', veto: false } as const;

  it('is built with exactly the contract fields, in the contract order (api.md)', () => {
    const withExplanation = { ...rating, criteria: {}, bonus: 0, effects: [] };
    const message = ratingChangeMessage('91320102MA1X0000X1', withExplanation, 2, { score: 100, stars: 5, face: 'smile' }, ['pen-001'], '2026-11-21T10:15:02.118+08:00');
    expect(JSON.stringify(message)).toBe(
      '{"enterpriseId":"91320102MA1X0000X1","day":"2026-11-21","score":78.1,"stars":3,"face":"neutral","colour":"yellow",' +
        '"grade":"good","veto":false,"revision":2,"previous":{"score":100,"stars":5,"face":"smile"},' +
        '"causeEventIds":["pen-001"],"at":"2026-11-21T10:15:02.118+08:00"}',
    );
    expect(ratingChangeMessageSchema.strict().parse(message)).toEqual(message);
    expect(isRatingChangeMessage(message)).toBe(true);
    expect(isRatingChangeMessage({ enterpriseId: 'x', day: '2026-11-21' })).toBe(false);
  });

  it('has a null previous for a day\u2019s first rating', () => {
    const message = ratingChangeMessage('91320102MA1X0000X1', rating, 1, null, [], '2026-11-21T00:00:00.000+08:00');
    expect(ratingChangeMessageSchema.parse(message).previous).toBeNull();
  });
});

describe('the dead-letter message', () => {
  it('carries encoding only for base64 values', () => {
    const letter = { reason: 'invalid_uscc', detail: 'check character mismatch', topic: 'envface.permit.v1', partition: 0, offset: '1234', key: 'k', value: '{}' } as const;
    expect(deadLetterMessage({ ...letter, encoding: 'utf8' }, '2026-11-21T10:15:02.118+08:00')).not.toHaveProperty('encoding');
    const b64 = deadLetterMessage({ ...letter, encoding: 'base64' }, '2026-11-21T10:15:02.118+08:00');
    expect(deadLetterMessageSchema.strict().parse(b64)).toMatchObject({ encoding: 'base64', reason: 'invalid_uscc' });
  });
});

describe('the rating model for clients (GET /api/model)', () => {
  it('gives the default rule book as scores and ten-thousandths, with its version', () => {
    const model = ratingModelSchema.parse(ratingModelJson(defaultRuleBook()));
    expect(model.version).toBe('scoring-model-1');
    expect(model.default.weights).toEqual({ E: 4379, M: 2190, P: 2437, S: 994 });
    expect(model.default.thresholds).toEqual({ five: 90, four: 80, three: 70, two: 60 });
    expect(model.bands.map((b) => b.stars)).toEqual([5, 4, 3, 2, 1]);
    expect(model.indicators).toHaveLength(15);
    expect(model.profiles).toEqual([]);
  });
});
