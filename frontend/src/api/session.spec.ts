import { fakeJwt, MemoryStorage } from './memory-storage';
import {
  decodeToken,
  endSession,
  getToken,
  isExpired,
  loadSession,
  onSessionChange,
  startSession,
  TOKEN_STORAGE_KEY,
} from './session';

const NOW = Date.UTC(2026, 10, 21, 2, 0, 0);
const inOneHour = Math.floor(NOW / 1000) + 3600;

describe('session', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    Object.defineProperty(globalThis, 'sessionStorage', { value: storage, configurable: true });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'sessionStorage');
  });

  it('decodes sub, role, exp and enterpriseId from a base64url payload, including non-ASCII text', () => {
    const token = fakeJwt({ sub: '检查员?>', role: 'admin', exp: inOneHour, enterpriseId: '91320100MA1X0000X1' });
    expect(decodeToken(token)).toEqual({ sub: '检查员?>', role: 'admin', exp: inOneHour, enterpriseId: '91320100MA1X0000X1' });
  });

  it('reads the backend claims: string id, username in name, null enterpriseId for staff', () => {
    const token = fakeJwt({ sub: '1', name: 'admin', role: 'admin', enterpriseId: null, exp: inOneHour, iat: 1 });
    expect(decodeToken(token)).toEqual({ sub: '1', name: 'admin', role: 'admin', exp: inOneHour });
    expect(decodeToken(fakeJwt({ sub: 7, role: 'inspector', exp: inOneHour }))?.sub).toBe('7');
  });

  it('rejects malformed tokens and payloads missing claims', () => {
    expect(decodeToken('not-a-jwt')).toBeNull();
    expect(decodeToken('a.!!!.c')).toBeNull();
    expect(decodeToken(fakeJwt({ sub: 'admin', role: 'admin' }))).toBeNull();
    expect(decodeToken(fakeJwt({ sub: 'admin', exp: inOneHour }))).toBeNull();
  });

  it('treats a token as expired from its exp second on', () => {
    const claims = { sub: 'a', role: 'admin', exp: inOneHour };
    expect(isExpired(claims, inOneHour * 1000 - 1)).toBe(false);
    expect(isExpired(claims, inOneHour * 1000)).toBe(true);
  });

  it('stores the token in sessionStorage, tells listeners, and clears it on logout', () => {
    const seen: (string | null | undefined)[] = [];
    const unsubscribe = onSessionChange((session, reason) => seen.push(session ? session.claims.role : reason));
    const token = fakeJwt({ sub: 'admin', role: 'admin', exp: inOneHour });
    startSession(token, NOW);
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe(token);
    expect(loadSession(NOW)?.claims.sub).toBe('admin');
    endSession('logout');
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(getToken()).toBeNull();
    unsubscribe();
    startSession(token, NOW);
    expect(seen).toEqual(['admin', 'logout']);
  });

  it('drops an expired stored token and refuses to start with one', () => {
    const expired = fakeJwt({ sub: 'admin', role: 'admin', exp: Math.floor(NOW / 1000) - 1 });
    storage.setItem(TOKEN_STORAGE_KEY, expired);
    expect(loadSession(NOW)).toBeNull();
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(() => startSession(expired, NOW)).toThrow(/expired/);
    expect(() => startSession('garbage', NOW)).toThrow();
    expect(storage.length).toBe(0);
  });
});
