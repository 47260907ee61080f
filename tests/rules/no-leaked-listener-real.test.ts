import { RuleTester } from '@typescript-eslint/rule-tester';

import intervalRule from '../../rules/src/rules/no-leaked-interval.js';
import rule from '../../rules/src/rules/no-leaked-listener.js';

// The precision review of docs/rules/no-leaked-listener.md ("Precision on real code"): every false
// positive found on the evaluated repositories is a valid case here, under the general principle that
// silences it, and every real leak is an invalid case. Each case names the repository it comes from.
const ruleTester = new RuleTester();

ruleTester.run('no-leaked-listener (real code)', rule, {
  valid: [
    {
      name: 'socket.io create-react-app example: off(event) without a handler removes every listener of that event',
      code: `declare const socket: { on(e: string, f: (...a: unknown[]) => void): void; off(e?: string): void };
export function useSocket(set: (v: unknown) => void): () => void {
  socket.on('connect', () => set(true));
  socket.on('message', (data) => set(data));
  return () => {
    socket.off('connect');
    socket.off('message');
  };
}
`,
    },
    {
      name: 'off() without arguments removes every listener of every event',
      code: `declare const socket: { on(e: string, f: (...a: unknown[]) => void): void; off(e?: string): void };
export function bindOnce(set: (v: unknown) => void): () => void {
  socket.on('connect', () => set(true));
  return () => socket.off();
}
`,
    },
    {
      name: 'socket.io whiteboard example: a module-level IIFE runs once, like the top level',
      code: `(function () {
  function onResize(): void {
    console.log(window.innerWidth);
  }
  window.addEventListener('resize', onResize, false);
  onResize();
})();
`,
    },
    {
      name: 'module-level arrow IIFE, and a function declared in it and called once from it',
      code: `(() => {
  function wire(): void {
    document.addEventListener('keydown', (e) => console.log(e.key));
  }
  wire();
})();
`,
    },
    {
      name: 'socket.io vue example: a store action named bindEvents() wires the shared socket once',
      code: `import { socket } from './socket';
declare function defineStore(id: string, def: object): unknown;
export const useTodoStore = defineStore('todo', {
  actions: {
    bindEvents() {
      socket.on('todo:created', (todo: unknown) => console.log(todo));
      socket.on('todo:deleted', (id: unknown) => console.log(id));
    },
  },
});
`,
    },
    {
      name: 'socket.io nwjs example: exports.registerListeners = function () is a setup function by its name',
      code: `declare const socket: { on(e: string, f: (...a: unknown[]) => void): void };
declare const exports: Record<string, unknown>;
exports.registerListeners = function (status: { innerText: string }) {
  socket.on('disconnect', () => {
    status.innerText = 'Disconnected';
  });
};
`,
    },
    {
      name: 'socket.io react-native example: in a connect handler, the engine under the socket is new for each connection',
      code: `declare const socket: { connected: boolean; io: { engine: { on(e: string, f: (t: { name: string }) => void): void } }; on(e: string, f: () => void): void; off(e: string, f: () => void): void };
export function useTransport(setTransport: (name: string) => void): () => void {
  if (socket.connected) onConnect();
  function onConnect(): void {
    socket.io.engine.on('upgrade', (transport) => setTransport(transport.name));
  }
  socket.on('connect', onConnect);
  return () => socket.off('connect', onConnect);
}
`,
    },
    {
      name: 'inline open handler: objects reached through the emitter belong to the new connection',
      code: `declare const client: { on(e: string, f: () => void): void; off(e: string, f: () => void): void; transport: { on(e: string, f: () => void): void } };
function onOpen(): void {
  client.transport.on('drain', () => console.log('drained'));
}
export function connect(): () => void {
  client.on('open', onOpen);
  return () => client.off('open', onOpen);
}
`,
    },
    {
      name: 'typescript-sdk elicitation example: the signal of a request handler\'s context ends with that request',
      code: `declare const client: { setRequestHandler(m: string, h: (req: unknown, ctx: { mcpReq: { signal: AbortSignal } }) => Promise<unknown>): void };
client.setRequestHandler('elicitation/create', async (request, ctx) => {
  return new Promise((resolve) => {
    ctx.mcpReq.signal.addEventListener('abort', () => resolve('cancelled'));
  });
});
`,
    },
    {
      name: 'ai test-server: a destructured request of an HTTP route callback is per request',
      code: `declare const http: { all(url: string, h: (info: { request: Request }) => Response): unknown };
export function route(url: string): unknown {
  return http.all(url, ({ request }) => {
    if (request.signal) {
      request.signal.addEventListener('abort', () => console.log('aborted'));
    }
    return new Response('ok');
  });
}
`,
    },
    {
      name: 'socket.io-cluster-engine: a class without teardown that this module never constructs is a per-process service',
      code: `import { ClusterEngine } from './engine';
export class NodeClusterEngine extends ClusterEngine {
  constructor() {
    super();
    process.on('message', (message: unknown) => this.onMessage(message));
  }
  onMessage(_m: unknown): void {}
}
`,
    },
    {
      name: 'a singleton constructed by its static accessor is constructed once',
      code: `export class Telemetry {
  private static instance: Telemetry | undefined;
  static get(): Telemetry {
    return (Telemetry.instance ??= new Telemetry());
  }
  private constructor() {
    process.on('message', (m: unknown) => this.record(m));
  }
  record(_m: unknown): void {}
  close(): void {}
}
`,
    },
    {
      name: 'openai-agents-js RealtimeSession: a private method called only behind a once flag runs once per instance',
      code: `import type { EventEmitter } from 'node:events';
export class RealtimeSession {
  #transport: EventEmitter;
  #listenersAttached = false;
  constructor(transport: EventEmitter) {
    this.#transport = transport;
  }
  async connect(): Promise<void> {
    if (!this.#listenersAttached) {
      this.#setEventListeners();
      this.#listenersAttached = true;
    }
  }
  #setEventListeners(): void {
    this.#transport.on('message', (m: unknown) => console.log(m));
  }
  close(): void {}
}
`,
    },
    {
      name: 'an early return on a once flag that the block then sets',
      code: `declare const bus: { on(e: string, f: () => void): void };
let wired = false;
export function ensureWired(): void {
  if (wired) return;
  wired = true;
  bus.on('tick', () => console.log('tick'));
}
`,
    },
    {
      name: 'openai-agents-js BrowserEventEmitter: on() forwards its registration to an inner EventTarget',
      code: `export class BrowserEventEmitter {
  #target = new EventTarget();
  on(type: string, listener: (...args: unknown[]) => void): this {
    const wrapper = ((event: CustomEvent) => listener(...(event.detail ?? []))) as EventListener;
    this.#target.addEventListener(type, wrapper);
    return this;
  }
}
`,
    },
    {
      name: "hono streamSSE: the raw Request's own signal aborts when that request ends",
      code: `interface Context { req: { raw: Request } }
export const streamSSE = (c: Context, stream: { closed: boolean; abort(): void }): void => {
  c.req.raw.signal.addEventListener('abort', () => {
    if (!stream.closed) stream.abort();
  });
};
`,
    },
    {
      name: 'vite playground/vitestSetup.ts: a test runner setup file is test code',
      filename: 'playground/vitestSetup.ts',
      code: `declare const page: { on(e: string, f: (m: unknown) => void): void };
export async function setup(logs: unknown[]): Promise<void> {
  page.on('console', (msg) => logs.push(msg));
}
export function beforeEachHook(errors: unknown[]): void {
  page.on('pageerror', (error) => errors.push(error));
}
`,
    },
    {
      name: 'vite HMR client: every call of the function is followed by location.reload(), so the page ends after it',
      code: `declare function ping(url: string): Promise<void>;
function waitForSuccessfulPing(url: string): Promise<void> {
  const onVisibilityChange = (): void => console.log(document.visibilityState);
  document.addEventListener('visibilitychange', onVisibilityChange);
  return ping(url);
}
export async function handleMessage(payload: { type: string; url: string }): Promise<void> {
  switch (payload.type) {
    case 'disconnect':
      await waitForSuccessfulPing(payload.url);
      location.reload();
      break;
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'a call not followed by the end of the page keeps the per-call listener reported',
      code: `declare function ping(url: string): Promise<void>;
function waitForPing(url: string): Promise<void> {
  const onVisibilityChange = (): void => console.log(document.visibilityState);
  document.addEventListener('visibilitychange', onVisibilityChange);
  return ping(url);
}
export async function handleMessage(payload: { url: string }): Promise<void> {
  await waitForPing(payload.url);
  location.reload();
  await waitForPing(payload.url);
}
`,
      errors: [{ messageId: 'leakedPerCall', line: 4, suggestions: [] }],
    },
    {
      name: 'socket.io-cluster-adapter (evaluation item 9): a factory constructs one adapter per namespace, each adds a process listener',
      code: `import { ClusterAdapterWithHeartbeat } from 'socket.io-adapter';

export function createAdapter() {
  return function (nsp: { name: string }) {
    return new NodeClusterAdapter(nsp);
  };
}

export class NodeClusterAdapter extends ClusterAdapterWithHeartbeat {
  constructor(nsp: { name: string }) {
    super(nsp, {});
    process.on('message', (message: { nsp?: string }) => {
      if (message.nsp !== nsp.name) return;
      this.onMessage(message);
    });
  }
}
`,
      errors: [{ messageId: 'unremovable', line: 12, suggestions: [] }],
    },
    {
      name: 'a connect handler that listens on the emitter itself adds one more listener per reconnect',
      code: `declare const socket: { on(e: string, f: (...a: unknown[]) => void): void };
function onMessage(m: unknown): void {
  console.log(m);
}
export function watch(): void {
  socket.on('connect', () => {
    socket.on('message', onMessage);
  });
}
`,
      errors: [
        { messageId: 'unremovable', line: 6, suggestions: [] },
        { messageId: 'leakedPerCall', line: 7, suggestions: [] },
      ],
    },
    {
      name: 'an IIFE inside a function runs on every call of that function',
      code: `export function mount(): void {
  (() => {
    window.addEventListener('resize', () => console.log(window.innerWidth));
  })();
}
`,
      errors: [{ messageId: 'unremovable', line: 3, suggestions: [] }],
    },
    {
      name: 'off(event) on another event does not remove the listener',
      code: `declare const socket: { on(e: string, f: (...a: unknown[]) => void): void; off(e?: string): void };
export function useSocket(set: (v: unknown) => void): () => void {
  socket.on('message', (data) => set(data));
  return () => socket.off('connect');
}
`,
      errors: [{ messageId: 'unremovable', line: 3, suggestions: [] }],
    },
    {
      name: 'a named handler function (not an inline callback) gets a caller-owned signal',
      code: `export async function handle(req: unknown, ctx: { signal: AbortSignal }): Promise<void> {
  ctx.signal.addEventListener('abort', () => console.log('aborted', req));
}
`,
      errors: [{ messageId: 'unremovable', line: 2, suggestions: [] }],
    },
    {
      name: 'a flag that is tested but never set does not guard the registration',
      code: `import type { EventEmitter } from 'node:events';
export class Session {
  #attached = false;
  constructor(private readonly transport: EventEmitter) {}
  connect(): void {
    if (!this.#attached) {
      this.#listen();
    }
  }
  #listen(): void {
    this.transport.on('message', (m: unknown) => console.log(m));
  }
  close(): void {}
}
`,
      errors: [{ messageId: 'unremovable', line: 11, suggestions: [] }],
    },
    {
      name: 'a signal in request options (not a Request object) may be shared by many requests',
      code: `export async function send(url: string, options: { signal: AbortSignal }): Promise<void> {
  const controller = new AbortController();
  options.signal.addEventListener('abort', () => controller.abort());
  await fetch(url, { signal: controller.signal });
}
`,
      errors: [{ messageId: 'unremovable', line: 3, suggestions: [] }],
    },
  ],
});

ruleTester.run('no-leaked-interval (real code)', intervalRule, {
  valid: [
    {
      name: 'colyseus loadtest: an interval started by the cli() entry function runs for the life of the process',
      code: `export function cli(main: () => Promise<void>): void {
  let bytesSent = 0;
  setInterval(() => {
    console.log(bytesSent);
  }, 1000);
  void main().then(() => (bytesSent = 1));
}
`,
    },
    {
      name: 'a module-level IIFE interval is a module-scope timer (reported only with checkModuleScope)',
      code: `(function () {
  setInterval(() => console.log('tick'), 1000);
})();
`,
    },
  ],
  invalid: [
    {
      name: 'socket.io-adapter SessionAwareAdapter: the constructor\'s interval is only unref()ed, never cleared',
      code: `export class SessionAwareAdapter {
  private sessions = new Map<string, { at: number }>();
  constructor(readonly maxAge: number) {
    const timer = setInterval(() => {
      const threshold = Date.now() - this.maxAge;
      this.sessions.forEach((s, id) => {
        if (s.at < threshold) this.sessions.delete(id);
      });
    }, 60 * 1000);
    timer.unref();
  }
  close(): void {}
}
`,
      errors: [{ messageId: 'neverCleared', line: 4 }],
    },
  ],
});
