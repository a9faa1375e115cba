import { BadRequestException, HttpException, Logger, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { WebAppAssets } from './web-app-assets';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { ApiError } from './api-error';

interface Captured {
  status?: number;
  body?: unknown;
  sentIndex: boolean;
}

function run(exception: unknown, request: { method: string; path: string } = { method: 'GET', path: '/api/x' }): Captured {
  const captured: Captured = { sentIndex: false };
  const response = {
    headersSent: false,
    status(code: number) {
      captured.status = code;
      return this;
    },
    json(body: unknown) {
      captured.body = body;
      return this;
    },
    end() {
      return this;
    },
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }),
  } as unknown as ArgumentsHost;
  const webApp = new WebAppAssets('/nonexistent');
  webApp.sendIndex = () => {
    captured.sentIndex = true;
  };
  new AllExceptionsFilter(webApp).catch(exception, host);
  return captured;
}

describe('AllExceptionsFilter', () => {
  // 500s are logged with their stack on purpose; keep the test output clean.
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

  it('renders an ApiError with its own code', () => {
    expect(run(new ApiError(404, 'enterprise_not_found', 'no such enterprise'))).toMatchObject({
      status: 404,
      body: { error: { code: 'enterprise_not_found', message: 'no such enterprise' } },
    });
  });

  it('maps Nest HTTP exceptions to default codes', () => {
    expect(run(new NotFoundException('Cannot GET /api/x')).body).toEqual({ error: { code: 'not_found', message: 'Cannot GET /api/x' } });
    expect(run(new BadRequestException(['a must be a string', 'b is missing'])).body).toEqual({
      error: { code: 'invalid_input', message: 'a must be a string; b is missing' },
    });
    expect(run(new ThrottlerException())).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
    expect(run(new HttpException('teapot', 418)).body).toEqual({ error: { code: 'bad_request', message: 'teapot' } });
  });

  it('maps express middleware errors by their status', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' });
    expect(run(tooLarge)).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } });
  });

  it('never leaks internals of unexpected errors', () => {
    const result = run(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'));
    expect(result.status).toBe(500);
    expect(result.body).toEqual({ error: { code: 'internal_error', message: 'Internal server error' } });
    expect(JSON.stringify(result.body)).not.toMatch(/ECONNREFUSED|hunter2|at /);
  });

  it('answers unknown client-side routes with the web app but keeps API 404s', () => {
    expect(run(new NotFoundException(), { method: 'GET', path: '/enterprises/91320100MA1W9XKE6C' }).sentIndex).toBe(true);
    expect(run(new NotFoundException(), { method: 'GET', path: '/api/enterprises' })).toMatchObject({ status: 404, sentIndex: false });
    expect(run(new NotFoundException(), { method: 'GET', path: '/metrics/x' }).sentIndex).toBe(false);
    expect(run(new NotFoundException(), { method: 'GET', path: '/socket.io/x' }).sentIndex).toBe(false);
    expect(run(new NotFoundException(), { method: 'GET', path: '/logo.png' }).sentIndex).toBe(false);
    expect(run(new NotFoundException(), { method: 'POST', path: '/enterprises' }).sentIndex).toBe(false);
  });
});
