import { ApiError } from './api-error';
import { InputSanityPipe, MAX_JSON_DEPTH, inputProblem } from './input-sanity';

describe('inputProblem', () => {
  it('finds NUL characters in any string or key, at any depth', () => {
    expect(inputProblem('a\u0000b')).toBe('nul');
    expect(inputProblem({ a: [{ b: 'x\u0000' }] })).toBe('nul');
    expect(inputProblem({ ['k\u0000']: 1 })).toBe('nul');
    expect(inputProblem({ a: ['fine', 1, null, true, { b: '中文' }] })).toBeNull();
  });

  it('refuses nesting deeper than the limit and ignores non-plain objects', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < MAX_JSON_DEPTH + 1; i++) deep = [deep];
    expect(inputProblem(deep)).toBe('too_deep');
    let ok: unknown = 'x';
    for (let i = 0; i < MAX_JSON_DEPTH - 1; i++) ok = { a: ok };
    expect(inputProblem(ok)).toBeNull();
    expect(inputProblem(Buffer.from([0]))).toBeNull();
    expect(inputProblem(new Date())).toBeNull();
  });

  it('makes the global pipe answer 400 invalid_input', () => {
    const pipe = new InputSanityPipe();
    expect(pipe.transform({ text: 'ok' })).toEqual({ text: 'ok' });
    expect(() => pipe.transform({ text: 'a\u0000' })).toThrow(ApiError);
    try {
      pipe.transform('a\u0000');
    } catch (e) {
      expect((e as ApiError).getStatus()).toBe(400);
      expect((e as ApiError).code).toBe('invalid_input');
    }
  });
});
