import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../../rules/src/rules/no-leaked-interval.js';

// Literal RuleTester table of no-leaked-interval (verdicts explained in docs/rules/no-leaked-interval.md).
// Suggestion outputs are the exact text the `interval-cleanup` codemod transform writes.
const ruleTester = new RuleTester();

ruleTester.run('no-leaked-interval', rule, {
  valid: [
    {
      name: 'fresh review 7 (moleculer scripts): a promise reaction and a one-shot timer callback at module load run once, like the top level',
      code: `declare const broker: { start(): Promise<void> };
broker.start().then(() => {
  setInterval(() => console.log('rps'), 1000);
});
setTimeout(() => {
  setInterval(() => console.log('stats'), 5000);
}, 100);
`,
    },
    {
      name: 'fresh review 7 (chat-ui MCP client pool): a module timer started lazily behind a check of itself, in a module without a teardown function',
      code: `const pool = new Map<string, { lastUsedAt: number }>();
let sweeper: ReturnType<typeof setInterval> | undefined;
function ensureSweeper(): void {
  if (sweeper) return;
  sweeper = setInterval(() => {
    for (const [key, entry] of pool) if (Date.now() - entry.lastUsedAt > 60_000) pool.delete(key);
  }, 10_000);
  sweeper.unref?.();
}
export function acquire(key: string): void {
  ensureSweeper();
  pool.set(key, { lastUsedAt: Date.now() });
}
`,
    },
    {
      name: 'ignore: a stored handle matched by its text is not reported',
      code: `export class Pinger {
  private heartbeat?: ReturnType<typeof setInterval>;
  start(): void {
    this.heartbeat = setInterval(() => console.log('ping'), 1000);
  }
}
`,
      options: [{ ignore: ['^this\\.heartbeat$'] }],
    },
    {
      name: 'ignore: a discarded handle matched by the name of the function that starts it is not reported',
      code: `export function startPolling(): void {
  setInterval(() => console.log('poll'), 1000);
}
`,
      options: [{ ignore: ['Polling$'] }],
    },
    {
      name: 'fresh review 6: the executor of a top-level `new Promise` runs once, at module load, like the top level',
      code: `await new Promise<void>((resolve) => {
  setInterval(() => console.log('tick'), 1000);
  resolve();
});
`,
    },
    {
      name: "fresh review 4 (genkit): a static factory sets the new instance's handle, which the class clears in stop()",
      code: `export class RuntimeManager {
  private healthCheckInterval?: ReturnType<typeof setInterval>;
  static async create(): Promise<RuntimeManager> {
    const manager = new RuntimeManager();
    manager.healthCheckInterval = setInterval(() => manager.check(), 5000);
    return manager;
  }
  private check(): void {}
  stop(): void {
    if (this.healthCheckInterval) clearInterval(this.healthCheckInterval);
  }
}
`,
    },
    {
      name: "fresh review 3 (graphql-ws): a keep-alive timer on a per-connection record, cleared through the record read back in close",
      code: `interface Client { pingInterval: ReturnType<typeof setInterval> | null }
const clients = new Map<object, Client>();
export const behavior = {
  open(socket: { ping(): void }) {
    const client: Client = { pingInterval: null };
    client.pingInterval = setInterval(() => socket.ping(), 12_000);
    clients.set(socket, client);
  },
  close(socket: object) {
    const client = clients.get(socket);
    if (client?.pingInterval) clearTimeout(client.pingInterval);
    clients.delete(socket);
  },
};
`,
    },
    {
      name: "fresh review 3 (nats.js): a timer on each spawned record, cleared by a loop over the records",
      code: `interface Spawned { heartbeatTimer?: ReturnType<typeof setInterval> }
export function run(n: number): () => void {
  const all: Spawned[] = [];
  const spawn = (): void => {
    const c: Spawned = {};
    c.heartbeatTimer = setInterval(() => {}, 1000);
    all.push(c);
  };
  for (let i = 0; i < n; i++) spawn();
  return () => {
    for (const c of all) if (c.heartbeatTimer !== undefined) clearInterval(c.heartbeatTimer);
  };
}
`,
    },
    {
      name: "fresh review (livekit client-sdk-js): a handle field inherited from the base class, which clears it in another file",
      code: `import { LocalTrack } from './LocalTrack';
export class LocalAudioTrack extends LocalTrack {
  startMonitor(): void {
    if (this.monitorInterval) return;
    this.monitorInterval = setInterval(() => this.monitorSender(), 2000);
  }
  private monitorSender(): void {}
}
`,
    },
    {
      name: "seed 003: TTLMap with a cleanup interval cleared in destroy()",
      code: `interface TTLItem<T> {
  value: T;
  expiry: number;
}

export class TTLMap<K, V> {
  private items = new Map<K, TTLItem<V>>();
  private cleanupInterval!: ReturnType<typeof setInterval>;

  constructor(
    private defaultTTL: number = 3600000,
    private cleanupFrequency: number = 60000,
  ) {
    this.startCleanup();
  }

  private startCleanup(): void {
    this.cleanupInterval = setInterval(() => {
      this.cleanup();
    }, this.cleanupFrequency);
  }

  private cleanup(): void {
    const now = Date.now();
    for (const [key, item] of this.items) {
      if (now > item.expiry) this.items.delete(key);
    }
  }

  destroy(): void {
    clearInterval(this.cleanupInterval);
    this.items.clear();
  }
}
`,
    },
    {
      name: "module-level interval is a process-lifetime timer by default",
      code: `setInterval(() => console.log(process.memoryUsage().rss), 60_000);
`,
    },
    {
      name: "interval that clears itself",
      code: `export function poll(check: () => boolean): void {
  const timer = setInterval(() => {
    if (check()) clearInterval(timer);
  }, 100);
}
`,
    },
    {
      name: "handle returned to the caller",
      code: `export function every(ms: number, fn: () => void): ReturnType<typeof setInterval> {
  return setInterval(fn, ms);
}
`,
    },
    {
      name: "handle stored in a collection owned elsewhere",
      code: `export class Timers {
  private handles: ReturnType<typeof setInterval>[] = [];
  add(fn: () => void): void {
    this.handles.push(setInterval(fn, 1000));
  }
}
`,
    },
    {
      name: "guarded start: returns when already running",
      code: `export class Poller {
  private timer?: ReturnType<typeof setInterval>;
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.poll(), 1000);
  }
  poll(): void {}
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
`,
    },
    {
      name: "nullish assignment starts at most one interval",
      code: `export class Poller {
  private timer?: ReturnType<typeof setInterval>;
  start(): void {
    this.timer ??= setInterval(() => this.poll(), 1000);
  }
  poll(): void {}
  stop(): void {
    clearInterval(this.timer);
  }
}
`,
    },
    {
      name: "clearTimeout clears an interval too",
      code: `export class Beat {
  private timer = setInterval(() => console.log('beat'), 1000);
  close(): void {
    clearTimeout(this.timer);
  }
}
`,
    },
    {
      name: "useEffect cleanup clears the interval",
      code: `declare function useEffect(f: () => void | (() => void), deps: unknown[]): void;
export function useTick(tick: () => void): void {
  useEffect(() => {
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [tick]);
}
`,
    },
    {
      name: "window.setInterval stored and cleared",
      code: `export class Clock {
  private id = window.setInterval(() => this.render(), 1000);
  render(): void {}
  dispose(): void {
    window.clearInterval(this.id);
  }
}
`,
    },
    {
      name: "setInterval of node:timers/promises is an async iterator, not a timer handle",
      code: `import { setInterval } from 'node:timers/promises';
export async function ticks(): Promise<void> {
  for await (const _ of setInterval(1000)) break;
}
`,
    },
    {
      name: "overwrite check can be switched off",
      code: `export class Poller {
  private timer?: ReturnType<typeof setInterval>;
  start(): void {
    this.timer = setInterval(() => this.poll(), 1000);
  }
  poll(): void {}
  stop(): void {
    clearInterval(this.timer);
  }
}
`,
      options: [{"checkOverwrite":false}],
    },
    {
      name: "start() that callers may call twice is not reported (contract question)",
      code: `export class Poller {
  private timer?: ReturnType<typeof setInterval>;

  start(): void {
    this.timer = setInterval(() => this.poll(), 1000);
  }

  poll(): void {}

  stop(): void {
    clearInterval(this.timer);
  }
}
`,
    },
    {
      name: "module function start() assigning a module variable is not reported",
      code: `let timer: ReturnType<typeof setInterval> | undefined;
export function start(): void {
  timer = setInterval(() => console.log('tick'), 1000);
}
export function stop(): void {
  clearInterval(timer);
}
`,
    },
    {
      name: "interval started in a once handler",
      code: `export class Client {
  private beat?: ReturnType<typeof setInterval>;
  constructor(private ws: WebSocket) {
    this.ws.addEventListener('open', () => {
      this.beat = setInterval(() => this.ws.send('ping'), 30_000);
    }, { once: true });
  }
  close(): void {
    clearInterval(this.beat);
  }
}
`,
    },
    {
      name: "from real code (vscode-languageserver): watchdog started by initialize() lives as long as the process",
      code: `export const watchDog = {
  initialize(params: { processId?: number }): void {
    const processId = params.processId;
    if (typeof processId === 'number') {
      setInterval(() => {
        try {
          process.kill(processId, 0);
        } catch {
          process.exit(1);
        }
      }, 3000);
    }
  },
};
`,
    },
  ],
  invalid: [
    {
      name: 'fresh review 7 near-miss: a promise reaction inside a function runs on every call of that function',
      code: `declare const broker: { start(): Promise<void> };
export function startReporting(): void {
  broker.start().then(() => {
    setInterval(() => console.log('rps'), 1000);
  });
}
`,
      errors: [{ messageId: 'discarded', line: 4 }],
    },
    {
      name: 'fresh review 7 near-miss: a named timer callback that schedules itself again runs many times',
      code: `setTimeout(function tick() {
  setInterval(() => console.log('leak'), 1000);
  setTimeout(tick, 1000);
}, 1000);
`,
      errors: [{ messageId: 'discarded', line: 2 }],
    },
    {
      name: 'ignore near-miss: a pattern that matches neither the handle nor the starting function leaves the finding',
      code: `export function startPolling(): void {
  setInterval(() => console.log('poll'), 1000);
}
`,
      options: [{ ignore: ['^this\\.heartbeat$'] }],
      errors: [{ messageId: 'discarded', line: 2 }],
    },
    {
      name: "fresh review 4 near-miss: the class clears another handle, not the one the factory sets",
      code: `export class RuntimeManager {
  private healthCheckInterval?: ReturnType<typeof setInterval>;
  private pollInterval?: ReturnType<typeof setInterval>;
  static async create(): Promise<RuntimeManager> {
    const manager = new RuntimeManager();
    manager.healthCheckInterval = setInterval(() => manager.check(), 5000);
    return manager;
  }
  private check(): void {}
  stop(): void {
    if (this.pollInterval) clearInterval(this.pollInterval);
  }
}
`,
      errors: [{ messageId: 'neverCleared', line: 6 }],
    },
    {
      name: "fresh review 3 near-miss: the record's other timer is cleared, the keep-alive timer never is",
      code: `interface Client { pingInterval: ReturnType<typeof setInterval> | null; pongWait: ReturnType<typeof setTimeout> | null }
const clients = new Map<object, Client>();
export const behavior = {
  open(socket: { ping(): void }) {
    const client: Client = { pingInterval: null, pongWait: null };
    client.pingInterval = setInterval(() => socket.ping(), 12_000);
    clients.set(socket, client);
  },
  close(socket: object) {
    const client = clients.get(socket);
    if (client?.pongWait) clearTimeout(client.pongWait);
    clients.delete(socket);
  },
};
`,
      errors: [{ messageId: 'neverCleared', line: 6 }],
    },
    {
      name: "a subclass that declares the handle field itself owns its clean-up",
      code: `import { Base } from './base';
export class Poller extends Base {
  private timer?: ReturnType<typeof setInterval>;
  start(): void {
    this.timer = setInterval(() => this.tick(), 1000);
  }
  private tick(): void {}
}
`,
      errors: [{ messageId: 'neverCleared', line: 5 }],
    },
    {
      name: "module start function discards its metrics interval",
      code: `export function startMetrics(report: (rss: number) => void): void {
  setInterval(() => report(process.memoryUsage().rss), 10_000);
}
`,
      errors: [
        {
          messageId: 'discarded',
          line: 2,
          suggestions: [],
        },
      ],
    },
    {
      name: "module handle never cleared; the module stop() gets the clearInterval",
      code: `let poller: ReturnType<typeof setInterval> | undefined;

export function watch(check: () => void): void {
  if (poller) return;
  poller = setInterval(check, 1000);
}

export function stop(): void {
  console.log('stopping');
}
`,
      errors: [
        {
          messageId: 'neverCleared',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `let poller: ReturnType<typeof setInterval> | undefined;

export function watch(check: () => void): void {
  if (poller) return;
  poller = setInterval(check, 1000);
}

export function stop(): void {
  console.log('stopping');
  clearInterval(poller);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "from real code (socket.io adapter): per-instance interval in the constructor, never cleared",
      code: `export class SessionAwareAdapter {
  private sessions = new Map<string, number>();
  constructor(private readonly maxAge: number) {
    const timer = setInterval(() => {
      const threshold = Date.now() - this.maxAge;
      this.sessions.forEach((at, id) => {
        if (at < threshold) this.sessions.delete(id);
      });
    }, 60 * 1000);
    timer.unref();
  }
}
`,
      errors: [
        {
          messageId: 'neverCleared',
          line: 4,
          suggestions: [],
        },
      ],
    },
    {
      name: "overwritten in a message handler: every hello starts another heartbeat",
      code: `export class Shard {
  private heartbeat?: ReturnType<typeof setInterval>;

  constructor(private ws: WebSocket) {
    this.ws.addEventListener('message', (event: MessageEvent) => {
      if (event.data === 'hello') {
        this.heartbeat = setInterval(() => this.ws.send('ping'), 30_000);
      }
    });
  }

  close(): void {
    clearInterval(this.heartbeat);
  }
}
`,
      errors: [
        {
          messageId: 'overwritten',
          line: 7,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `export class Shard {
  private heartbeat?: ReturnType<typeof setInterval>;

  constructor(private ws: WebSocket) {
    this.ws.addEventListener('message', (event: MessageEvent) => {
      if (event.data === 'hello') {
        clearInterval(this.heartbeat);
        this.heartbeat = setInterval(() => this.ws.send('ping'), 30_000);
      }
    });
  }

  close(): void {
    clearInterval(this.heartbeat);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "module variable overwritten per connection",
      code: `import { createServer } from 'node:net';
let timer: ReturnType<typeof setInterval> | undefined;
export const server = createServer();
server.on('connection', (socket) => {
  timer = setInterval(() => socket.write('tick'), 1000);
});
export function stop(): void {
  clearInterval(timer);
}
`,
      errors: [
        {
          messageId: 'overwritten',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `import { createServer } from 'node:net';
let timer: ReturnType<typeof setInterval> | undefined;
export const server = createServer();
server.on('connection', (socket) => {
  clearInterval(timer);
  timer = setInterval(() => socket.write('tick'), 1000);
});
export function stop(): void {
  clearInterval(timer);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "overwritten by a method registered as a handler",
      code: `import type { EventEmitter } from 'node:events';
export class Poller {
  private timer?: ReturnType<typeof setInterval>;
  constructor(private source: EventEmitter) {
    this.source.on('ready', this.onReady);
  }
  private onReady = (): void => {
    this.timer = setInterval(() => this.poll(), 1000);
  };
  poll(): void {}
  stop(): void {
    clearInterval(this.timer);
  }
}
`,
      errors: [
        {
          messageId: 'overwritten',
          line: 8,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `import type { EventEmitter } from 'node:events';
export class Poller {
  private timer?: ReturnType<typeof setInterval>;
  constructor(private source: EventEmitter) {
    this.source.on('ready', this.onReady);
  }
  private onReady = (): void => {
    clearInterval(this.timer);
    this.timer = setInterval(() => this.poll(), 1000);
  };
  poll(): void {}
  stop(): void {
    clearInterval(this.timer);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "seed 003: monitoring interval never cleared, no teardown",
      code: `export class MemoryMonitor {
  startMonitoring(interval: number = 30000): void {
    setInterval(() => {
      this.checkMemory();
    }, interval);
  }

  private checkMemory(): void {}
}
`,
      errors: [
        {
          messageId: 'discarded',
          line: 3,
          suggestions: [],
        },
      ],
    },
    {
      name: "discarded in the constructor; stored and cleared in close()",
      code: `export class Heartbeat {
  constructor(private send: () => void) {
    setInterval(() => this.send(), 30_000);
  }

  close(): void {
    console.log('closed');
  }
}
`,
      errors: [
        {
          messageId: 'discarded',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `export class Heartbeat {
  private interval: ReturnType<typeof setInterval> | undefined;
  constructor(private send: () => void) {
    this.interval = setInterval(() => this.send(), 30_000);
  }

  close(): void {
    console.log('closed');
    clearInterval(this.interval);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "discarded in start(); stop() clears it and start() clears the previous one",
      code: `export class Poller {
  start(): void {
    setInterval(() => this.poll(), 1000).unref();
  }

  poll(): void {}

  stop(): void {}
}
`,
      errors: [
        {
          messageId: 'discarded',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `export class Poller {
  private startInterval: ReturnType<typeof setInterval> | undefined;
  start(): void {
    clearInterval(this.startInterval);
    this.startInterval = setInterval(() => this.poll(), 1000).unref();
  }

  poll(): void {}

  stop(): void {
    clearInterval(this.startInterval);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "field never cleared; dispose() gets the clearInterval",
      code: `export class Clock {
  private timer = setInterval(() => this.render(), 1000);

  render(): void {}

  dispose(): void {
    console.log('bye');
  }
}
`,
      errors: [
        {
          messageId: 'neverCleared',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `export class Clock {
  private timer = setInterval(() => this.render(), 1000);

  render(): void {}

  dispose(): void {
    console.log('bye');
    clearInterval(this.timer);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "local handle never cleared",
      code: `export function watch(check: () => void): void {
  const timer = setInterval(check, 1000);
  timer.unref();
}
`,
      errors: [
        {
          messageId: 'neverCleared',
          line: 2,
          suggestions: [],
        },
      ],
    },
    {
      name: "module-level interval with checkModuleScope",
      code: `setInterval(() => console.log('tick'), 1000);
`,
      options: [{"checkModuleScope":true}],
      errors: [
        {
          messageId: 'discarded',
          line: 1,
          suggestions: [],
        },
      ],
    },
    {
      name: "custom teardown name, JavaScript without semicolons",
      code: `export class Beat {
  constructor() {
    setInterval(() => this.beat(), 1000)
  }

  beat() {}

  shutdown() {
    console.log("bye")
  }
}
`,
      options: [{"teardownMethods":["shutdown"]}],
      filename: "file.js",
      errors: [
        {
          messageId: 'discarded',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `export class Beat {
  interval = undefined
  constructor() {
    this.interval = setInterval(() => this.beat(), 1000)
  }

  beat() {}

  shutdown() {
    console.log("bye")
    clearInterval(this.interval)
  }
}
`,
            },
          ],
        },
      ],
    },
  ],
});

// Test files are out of scope unless `checkTestFiles` (the collection family's test-file predicate): an
// interval started in a test lives for one test run. docs/rules/no-leaked-interval.md "What is not reported".
const discardedInterval = `export function startPolling(): void {
  setInterval(() => console.log('tick'), 1000);
}
`;

ruleTester.run('no-leaked-interval (test files)', rule, {
  valid: [
    { name: 'a *.test.ts file is out of scope by default', code: discardedInterval, filename: 'src/foo.test.ts' },
    { name: 'a file under test/ is out of scope by default', code: discardedInterval, filename: 'test/bar.ts' },
    { name: 'checkTestFiles: false keeps test files out of scope', code: discardedInterval, filename: 'src/foo.test.ts', options: [{ checkTestFiles: false }] },
  ],
  invalid: [
    {
      name: 'checkTestFiles: true reports in a *.test.ts file',
      code: discardedInterval,
      filename: 'src/foo.test.ts',
      options: [{ checkTestFiles: true }],
      errors: [{ messageId: 'discarded', line: 2, suggestions: [] }],
    },
    {
      name: 'checkTestFiles: true reports in a file under test/',
      code: discardedInterval,
      filename: 'test/bar.ts',
      options: [{ checkTestFiles: true }],
      errors: [{ messageId: 'discarded', line: 2, suggestions: [] }],
    },
    {
      name: 'the same file outside a test folder is reported by default',
      code: discardedInterval,
      filename: 'src/bar.ts',
      errors: [{ messageId: 'discarded', line: 2, suggestions: [] }],
    },
  ],
});
