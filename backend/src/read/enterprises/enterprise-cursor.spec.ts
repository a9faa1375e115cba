import { ApiError } from '../../platform/web/api-error';
import { decodeCursor, encodeCursor } from './enterprise-cursor';

describe('enterprise cursor', () => {
  it('round-trips numeric and text keys', () => {
    const score = { sort: 'score' as const, order: 'desc' as const, key: 781, uscc: '91320115QH72P12459' };
    expect(decodeCursor(encodeCursor(score), 'score', 'desc')).toEqual(score);
    const name = { sort: 'name' as const, order: 'asc' as const, key: '南京恒瑞化工有限公司', uscc: '91320115QH72P12459' };
    expect(decodeCursor(encodeCursor(name), 'name', 'asc')).toEqual(name);
  });

  it('refuses a cursor of another sort or order, of the wrong key type, or not a cursor at all', () => {
    const c = encodeCursor({ sort: 'score', order: 'asc', key: 5, uscc: '91320115QH72P12459' });
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ApiError ? [e.getStatus(), e.code] : ['not an ApiError'];
      }
      return ['no error'];
    };
    expect(code(() => decodeCursor(c, 'name', 'asc'))).toEqual([400, 'invalid_cursor']);
    expect(code(() => decodeCursor(c, 'score', 'desc'))).toEqual([400, 'invalid_cursor']);
    const textKey = Buffer.from(JSON.stringify({ s: 'score', o: 'asc', k: 'x', u: '91320115QH72P12459' })).toString('base64url');
    expect(code(() => decodeCursor(textKey, 'score', 'asc'))).toEqual([400, 'invalid_cursor']);
    expect(code(() => decodeCursor('%%%', 'score', 'asc'))).toEqual([400, 'invalid_cursor']);
    expect(code(() => decodeCursor(Buffer.from('{"s":"score"}').toString('base64url'), 'score', 'asc'))).toEqual([400, 'invalid_cursor']);
  });
});
