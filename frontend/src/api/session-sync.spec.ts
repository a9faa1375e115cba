import { fakeJwt, MemoryStorage } from './memory-storage';
import type { SessionChannel, SessionMessage } from './session-sync';

type SessionModule = typeof import('./session');
type SyncModule = typeof import('./session-sync');

/**
 * Two "tabs" in one process: each has its own copy of the session modules (jest.isolateModules) and its own
 * sessionStorage, made current while that tab runs; the BroadcastChannel between them is a stand-in.
 */
interface Tab {
  session: SessionModule;
  sync: ReturnType<SyncModule['startSessionSync']>;
  storage: MemoryStorage;
  run<T>(f: () => T): T;
}

function use(storage: MemoryStorage) {
  Object.defineProperty(globalThis, 'sessionStorage', { value: storage, configurable: true });
}

class Bus {
  readonly sent: SessionMessage[] = [];
  private readonly ends: { channel: SessionChannel; tab: () => Tab }[] = [];
  open(tab: () => Tab): SessionChannel {
    const bus = this;
    const channel: SessionChannel = {
      onmessage: null,
      postMessage(message) {
        bus.sent.push(message);
        for (const end of bus.ends) if (end.channel !== channel) end.tab().run(() => end.channel.onmessage?.({ data: message } as MessageEvent));
      },
      close() {},
    };
    this.ends.push({ channel, tab });
    return channel;
  }
}

function openTab(bus: Bus): Tab {
  const storage = new MemoryStorage();
  let session!: SessionModule;
  let syncModule!: SyncModule;
  jest.isolateModules(() => {
    session = require('./session') as SessionModule;
    syncModule = require('./session-sync') as SyncModule;
  });
  const tab: Tab = {
    session,
    storage,
    sync: null,
    run<T>(f: () => T): T {
      use(storage);
      return f();
    },
  };
  tab.sync = syncModule.startSessionSync(() => bus.open(() => tab));
  return tab;
}

const inOneHour = Math.floor(Date.now() / 1000) + 3600;
const tokenOf = (sub: string, n = 1) => fakeJwt({ sub, role: 'inspector', exp: inOneHour, n });

describe('session shared between tabs', () => {
  let bus: Bus;
  let a: Tab;
  let b: Tab;

  beforeEach(() => {
    bus = new Bus();
    a = openTab(bus);
    b = openTab(bus);
  });
  afterEach(() => {
    a.sync?.close();
    b.sync?.close();
    Reflect.deleteProperty(globalThis, 'sessionStorage');
  });

  it('a new tab asks and receives the session of a signed-in tab', () => {
    a.run(() => a.session.startSession(tokenOf('7')));
    b.storage.clear(); // b opened after the login
    expect(b.run(() => b.session.loadSession())).toBeNull();
    b.run(() => b.sync!.ask());
    expect(b.run(() => b.session.loadSession())?.claims.sub).toBe('7');
    expect(bus.sent.map((m) => m.type).slice(-2)).toEqual(['ask', 'session']);
  });

  it('a tab without a session answers nothing', () => {
    b.run(() => b.sync!.ask());
    expect(bus.sent.map((m) => m.type)).toEqual(['ask']);
    expect(b.run(() => b.session.loadSession())).toBeNull();
  });

  it('logging out in one tab logs out the other, once, without an echo', () => {
    a.run(() => a.session.startSession(tokenOf('7')));
    expect(b.run(() => b.session.loadSession())?.claims.sub).toBe('7');
    const reasons: string[] = [];
    b.session.onSessionChange((session, reason) => {
      if (!session) reasons.push(String(reason));
    });
    a.run(() => a.session.endSession('logout'));
    expect(b.run(() => b.session.loadSession())).toBeNull();
    expect(reasons).toEqual(['logout']);
    expect(bus.sent.filter((m) => m.type === 'logout')).toHaveLength(1);
  });

  it('an expiry in one tab is not a logout of the others', () => {
    a.run(() => a.session.startSession(tokenOf('7')));
    a.run(() => a.session.endSession('expired'));
    expect(b.run(() => b.session.loadSession())?.claims.sub).toBe('7');
  });

  it("adopts a newer token of the same account, never another account's", () => {
    b.run(() => b.session.startSession(tokenOf('7', 1)));
    a.run(() => a.session.startSession(tokenOf('7', 2)));
    expect(b.run(() => b.session.loadSession())?.token).toBe(tokenOf('7', 2));
    a.run(() => a.session.startSession(tokenOf('8')));
    expect(b.run(() => b.session.loadSession())?.claims.sub).toBe('7');
  });
});
