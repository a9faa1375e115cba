import { ApiError, createApiClient, type ApiClientDeps } from './api-client';

interface Call {
  url: string;
  init: RequestInit;
}

function setup(responses: (() => Response | Promise<Response>)[], token: string | null = 'tok-123') {
  const calls: Call[] = [];
  let unauthorized = 0;
  const deps: ApiClientDeps = {
    fetch: async (input, init) => {
      calls.push({ url: String(input), init: init ?? {} });
      const next = responses.shift();
      if (!next) throw new Error('no response queued');
      return next();
    },
    getToken: () => token,
    onUnauthorized: () => {
      unauthorized += 1;
    },
    baseUrl: 'http://api.test',
  };
  return { client: createApiClient(deps), calls, unauthorizedCount: () => unauthorized };
}

const json = (status: number, body: unknown) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('api client', () => {
  it('logs out on the server with the given token, and never turns a refusal into "session expired"', async () => {
    const { client, calls, unauthorizedCount } = setup([() => new Response(null, { status: 204 }), json(401, { error: { code: 'unauthorized', message: 'x' } }), () => Promise.reject(new TypeError('offline'))]);
    await client.logout('tok-old');
    expect(calls[0].url).toBe('http://api.test/api/auth/logout');
    expect(calls[0].init.method).toBe('POST');
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBe('Bearer tok-old');
    await expect(client.logout('tok-old')).resolves.toBeUndefined();
    await expect(client.logout('tok-old')).resolves.toBeUndefined();
    expect(unauthorizedCount()).toBe(0);
  });

  it('sends the bearer token and parses JSON', async () => {
    const { client, calls } = setup([json(200, { enterpriseId: 'x', ratings: [] })]);
    await expect(client.get('/api/enterprises/x/ratings')).resolves.toEqual({ enterpriseId: 'x', ratings: [] });
    expect(calls[0].url).toBe('http://api.test/api/enterprises/x/ratings');
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBe('Bearer tok-123');
  });

  it('turns the contract error body into a typed ApiError', async () => {
    const { client } = setup([json(404, { error: { code: 'not_found', message: 'unknown enterprise' } })]);
    const error = await caught(client.get('/api/enterprises/nope/ratings'));
    expect(error).toMatchObject({ status: 404, code: 'not_found', message: 'unknown enterprise' });
  });

  it('keeps the status when the error body is not the contract shape', async () => {
    const { client } = setup([() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })]);
    expect(await caught(client.get('/api/health'))).toMatchObject({ status: 502, code: 'http_502', message: 'Bad Gateway' });
  });

  it('reports an unreachable server as status 0', async () => {
    const { client } = setup([
      () => {
        throw new TypeError('fetch failed');
      },
    ]);
    expect(await caught(client.get('/api/health'))).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('ends the session on a 401 of an authenticated call', async () => {
    const { client, unauthorizedCount } = setup([json(401, { error: { code: 'unauthorized', message: 'token expired' } })]);
    expect(await caught(client.get('/api/enterprises/x/ratings'))).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(unauthorizedCount()).toBe(1);
  });

  it('logs in without a bearer header, and a 401 there is a wrong password, not an expired session', async () => {
    const { client, calls, unauthorizedCount } = setup([
      json(200, { token: 'new-token' }),
      json(401, { error: { code: 'invalid_credentials', message: 'wrong username or password' } }),
    ]);
    await expect(client.login('admin', 'pw')).resolves.toEqual({ token: 'new-token' });
    expect(calls[0].init.method).toBe('POST');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ username: 'admin', password: 'pw' });
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBeUndefined();
    expect((calls[0].init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(await caught(client.login('admin', 'bad'))).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(unauthorizedCount()).toBe(0);
  });

  it('omits the header when there is no session', async () => {
    const { client, calls } = setup([json(200, { status: 'ok' })], null);
    await client.get('/api/health');
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBeUndefined();
  });
});
