import { isServiceKey, keyAllows, newServiceKeySchema } from './service-key.service';

describe('service keys', () => {
  it('allow exactly the listed event types and whole kinds', () => {
    expect(keyAllows(['monitoring.*'], 'monitoring.reading')).toBe(true);
    expect(keyAllows(['monitoring.*'], 'permit.issued')).toBe(false);
    expect(keyAllows(['enforcement.award'], 'enforcement.award')).toBe(true);
    expect(keyAllows(['enforcement.award'], 'enforcement.veto')).toBe(false);
    expect(keyAllows(['monitoring.*'], 'monitoring')).toBe(false);
    expect(keyAllows(['monitoring.*'], undefined)).toBe(false);
  });

  it('accept only known event types or kinds when created', () => {
    expect(newServiceKeySchema.safeParse({ name: 'cems-gateway', eventTypes: ['monitoring.*', 'enforcement.award'] }).success).toBe(true);
    expect(newServiceKeySchema.safeParse({ name: 'x', eventTypes: ['monitoring.*'] }).success).toBe(false);
    expect(newServiceKeySchema.safeParse({ name: 'cems', eventTypes: ['*'] }).success).toBe(false);
    expect(newServiceKeySchema.safeParse({ name: 'cems', eventTypes: ['bogus.*'] }).success).toBe(false);
    expect(newServiceKeySchema.safeParse({ name: 'cems', eventTypes: [] }).success).toBe(false);
  });

  it('are told apart from JWTs by their prefix', () => {
    expect(isServiceKey('efk_1_abc')).toBe(true);
    expect(isServiceKey('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
  });
});
