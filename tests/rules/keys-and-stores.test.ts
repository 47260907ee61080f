import { RuleTester } from '@typescript-eslint/rule-tester';

import cacheRule from '../../rules/src/rules/no-unbounded-cache.js';
import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';
import intervalRule from '../../rules/src/rules/no-leaked-interval.js';
import listenerRule from '../../rules/src/rules/no-leaked-listener.js';
import { suggest } from './suggest.js';

// Bounded code that the sixteenth fresh review (session 16) found reported, one principle per block,
// each with near-misses that stay reported.

// 1. The pressed-keys record of a game loop, keyed by a keyboard event's `key` or `code` (rivet's
//    multiplayer game examples): one entry per key of the keyboard. The event is known by its declared
//    type (`KeyboardEvent`, `React.KeyboardEvent<...>`) or by the `keydown`/`keyup` registration, also
//    through a private method's callers. Near-misses: the `key` of a parsed websocket message, and the
//    target's `id` of a keyboard event.
const PRESSED_KEYS = `export class ArenaGame {
  private keys: Record<string, boolean> = {};

  start(): void {
    window.addEventListener('keydown', this.onKeyDown);
    window.addEventListener('keyup', this.onKeyUp);
  }

  stop(): void {
    window.removeEventListener('keydown', this.onKeyDown);
    window.removeEventListener('keyup', this.onKeyUp);
  }

  private onKeyDown = (e: KeyboardEvent) => {
    this.keys[e.key] = true;
  };

  private onKeyUp = (e: KeyboardEvent) => {
    this.keys[e.key] = false;
  };
}
`;
const PRESSED_BY_REGISTRATION = `const pressed = {};

window.addEventListener('keydown', (event) => {
  pressed[event.key] = true;
});

window.addEventListener('keyup', (event) => {
  pressed[event.key] = false;
});

export function isDown(code) {
  return pressed[code] === true;
}
`;
const THROUGH_PRIVATE_METHOD = `export class OpenWorldGame {
  private keys: Record<string, boolean> = {};

  private setKey(key: string, value: boolean) {
    this.keys[key] = value;
    if (key.length === 1) this.keys[key.toLowerCase()] = value;
  }

  onKeyDown(e: React.KeyboardEvent<HTMLCanvasElement>) {
    this.setKey(e.key, true);
  }

  onKeyUp(e: React.KeyboardEvent<HTMLCanvasElement>) {
    this.setKey(e.key, false);
  }
}
`;
const MESSAGE_KEY = `export class Presence {
  private seen: Record<string, boolean> = {};

  attach(socket: WebSocket): void {
    socket.addEventListener('message', (e: MessageEvent) => {
      const data = JSON.parse(String(e.data)) as { key: string };
      this.seen[data.key] = true;
    });
  }
}
`;
const TARGET_ID = `export class Typing {
  private typedIn: Record<string, boolean> = {};

  onKeyDown = (e: KeyboardEvent) => {
    this.typedIn[(e.target as HTMLElement).id] = true;
  };
}
`;

const ttlRecord = (code: string, field: string, constant: string, setFrom: string, setTo: string): string =>
  "import { TtlMap } from 'bounded';\n" +
  `const ${constant} = 10_000;\n` +
  code
    .replace(`private ${field}: Record<string, boolean> = {};`, `private ${field}: TtlMap<string, boolean> = new TtlMap<string, boolean>({ max: ${constant} });`)
    .replace(setFrom, setTo);

const keys = new RuleTester();
keys.run('no-unbounded-collection (keys of a keyboard event)', collectionRule, {
  valid: [PRESSED_KEYS, PRESSED_BY_REGISTRATION, THROUGH_PRIVATE_METHOD],
  invalid: [
    {
      code: MESSAGE_KEY,
      errors: [{ messageId: 'unbounded', line: 2, suggestions: suggest(ttlRecord(MESSAGE_KEY, 'seen', 'SEEN_MAX', 'this.seen[data.key] = true;', 'this.seen.set(data.key, true);')) }],
    },
    {
      code: TARGET_ID,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          suggestions: suggest(ttlRecord(TARGET_ID, 'typedIn', 'TYPED_IN_MAX', 'this.typedIn[(e.target as HTMLElement).id] = true;', 'this.typedIn.set((e.target as HTMLElement).id, true);')),
        },
      ],
    },
  ],
});

// 2. A lookup table filled inside `if (table.size === 0) { ... }` (convex-helpers' Hono route lookup):
//    the block runs the first time the table is found empty, and never again. Near-miss: the same
//    guard around something else, with the insert after it.
const FILLED_WHILE_EMPTY = `type Route = { handler: unknown; path: string };

export class RouteLookup {
  private handlerInfo = new Map<unknown, { path: string }>();

  constructor(private readonly routes: Route[]) {}

  lookup(handler: unknown): string | undefined {
    if (this.handlerInfo.size === 0) {
      for (const r of this.routes) {
        this.handlerInfo.set(r.handler, { path: r.path });
      }
    }
    return this.handlerInfo.get(handler)?.path;
  }
}
`;
const INSERT_AFTER_GUARD = `type Route = { handler: unknown; path: string };

export class RouteLookup {
  private handlerInfo = new Map<unknown, { path: string }>();

  constructor(private readonly routes: Route[]) {}

  lookup(handler: unknown, path: string): string | undefined {
    if (this.handlerInfo.size === 0) {
      console.log('first lookup');
    }
    this.handlerInfo.set(handler, { path });
    return this.handlerInfo.get(handler)?.path;
  }
}
`;

const ttlHandlerInfo = (code: string): string =>
  "import { TtlMap } from 'bounded';\n" +
  code
    .replace('export class RouteLookup {', 'const HANDLER_INFO_MAX = 10_000;\nconst HANDLER_INFO_TTL_MS = 10 * 60_000;\nexport class RouteLookup {')
    .replace('new Map<unknown, { path: string }>()', 'new TtlMap<unknown, { path: string }>({ max: HANDLER_INFO_MAX, ttl: HANDLER_INFO_TTL_MS })');

const empty = new RuleTester();
empty.run('no-unbounded-collection (filled while empty)', collectionRule, { valid: [FILLED_WHILE_EMPTY, INSERT_AFTER_GUARD], invalid: [] });
empty.run('no-unbounded-cache (filled while empty)', cacheRule, {
  valid: [FILLED_WHILE_EMPTY],
  invalid: [{ code: INSERT_AFTER_GUARD, errors: [{ messageId: 'unboundedCache', line: 4, suggestions: suggest(ttlHandlerInfo(INSERT_AFTER_GUARD)) }] }],
});

// 3. A key checked against a fixed `Map` table before the insert, through the looked-up value
//    (`const create = MANAGED_PROVIDERS.get(providerId); if (!create) return;`: letta-code's managed
//    endpoint providers). Near-misses: a table the file also writes into, and no check.
const CHECKED_IN_MAP_TABLE = `type Factory = (baseURL: string) => object;

const MANAGED_PROVIDERS: ReadonlyMap<string, Factory> = new Map([
  ['ollama', (baseURL: string) => ({ baseURL })],
  ['lmstudio', (baseURL: string) => ({ baseURL, local: true })],
]);

export class ModelsRuntime {
  private readonly signatures = new Map<string, string>();

  ensureProvider(providerId: string, baseURL: string): void {
    const create = MANAGED_PROVIDERS.get(providerId);
    if (!create) return;
    const signature = JSON.stringify(create(baseURL));
    if (this.signatures.get(providerId) === signature) return;
    this.signatures.set(providerId, signature);
  }
}
`;
const TABLE_WRITTEN = CHECKED_IN_MAP_TABLE.replace(
  ']);\n',
  ']);\n\nexport function registerProvider(id: string, factory: Factory): void {\n  (MANAGED_PROVIDERS as Map<string, Factory>).set(id, factory);\n}\n',
);
const UNCHECKED = CHECKED_IN_MAP_TABLE.replace('    if (!create) return;\n', '').replace('JSON.stringify(create(baseURL))', 'JSON.stringify(create?.(baseURL) ?? baseURL)');

const ttlSignatures = (code: string): string =>
  "import { TtlMap } from 'bounded';\n" +
  code
    .replace('export class ModelsRuntime {', 'const SIGNATURES_MAX = 10_000;\nconst SIGNATURES_TTL_MS = 10 * 60_000;\nexport class ModelsRuntime {')
    .replace('new Map<string, string>()', 'new TtlMap<string, string>({ max: SIGNATURES_MAX, ttl: SIGNATURES_TTL_MS })');

const tables = new RuleTester();
tables.run('no-unbounded-cache (a key checked against a fixed Map table)', cacheRule, {
  valid: [CHECKED_IN_MAP_TABLE],
  invalid: [
    { code: TABLE_WRITTEN, errors: [{ messageId: 'unboundedCache', line: 13, suggestions: suggest(ttlSignatures(TABLE_WRITTEN)) }] },
    { code: UNCHECKED, errors: [{ messageId: 'unboundedCache', line: 9, suggestions: suggest(ttlSignatures(UNCHECKED)) }] },
  ],
});

// 4. Process signal handlers added by a helper called only with literal signals (letta-code's launcher:
//    `forwardSignal('SIGINT'); forwardSignal('SIGTERM')`), and handlers kept in a record and removed by a
//    loop over it (rivet's registry: `for (const [signal, handler] of Object.entries(this.#signalHandlers))
//    process.removeListener(signal, handler)`). Near-misses: the helper exported or also called with a
//    parameter, a helper called with a non-lifetime event, and a removal loop over another record.
const FORWARD_SIGNALS = `import { spawn } from 'node:child_process';

const child = spawn(process.execPath, process.argv.slice(2), { stdio: 'inherit' });

function forwardSignal(signal: NodeJS.Signals) {
  process.on(signal, () => {
    child.kill(signal);
  });
}

forwardSignal('SIGINT');
forwardSignal('SIGTERM');
`;
const FORWARD_ALSO_PASSED = `${FORWARD_SIGNALS}\nexport function forwardAlso(signal: NodeJS.Signals): void {\n  forwardSignal(signal);\n}\n`;
const FORWARD_EXPORTED = FORWARD_SIGNALS.replace('function forwardSignal', 'export function forwardSignal');
const FORWARD_MESSAGE = FORWARD_SIGNALS.replace("forwardSignal('SIGTERM');", "forwardSignal('message' as NodeJS.Signals);");
const REGISTRY = `type ShutdownSignal = 'SIGINT' | 'SIGTERM';

export class Registry {
  #signalHandlers: Partial<Record<ShutdownSignal, () => void>> = {};

  start(): void {
    this.#installSignalHandlers();
  }

  #installSignalHandlers(): void {
    const install = (signal: ShutdownSignal) => {
      const handler = () => this.#onShutdownSignal(signal);
      this.#signalHandlers[signal] = handler;
      process.on(signal, handler);
    };
    install('SIGINT');
    install('SIGTERM');
  }

  #onShutdownSignal(signal: ShutdownSignal): void {
    console.log(\`shutting down on \${signal}\`);
    this.#removeSignalHandlers();
  }

  #removeSignalHandlers(): void {
    for (const [signal, handler] of Object.entries(this.#signalHandlers) as [ShutdownSignal, () => void][]) {
      if (handler) process.removeListener(signal, handler);
    }
    this.#signalHandlers = {};
  }
}
`;
const OTHER_STORE = `export class Tracker {
  private handlers: Record<string, () => void> = {};
  private others: Record<string, () => void> = {};

  track(requestId: string): void {
    const handler = () => console.log(requestId);
    this.handlers[requestId] = handler;
    process.on('message', handler);
  }

  untrackAll(): void {
    for (const [, handler] of Object.entries(this.others)) process.removeListener('message', handler);
  }
}
`;
const SAME_STORE = OTHER_STORE.replace('Object.entries(this.others)', 'Object.entries(this.handlers)');

const listeners = new RuleTester();
listeners.run('no-leaked-listener (literal signals, handlers removed from their store)', listenerRule, {
  valid: [FORWARD_SIGNALS, REGISTRY, SAME_STORE],
  invalid: [
    { code: FORWARD_ALSO_PASSED, errors: [{ messageId: 'unremovable', line: 6 }] },
    { code: FORWARD_EXPORTED, errors: [{ messageId: 'unremovable', line: 6 }] },
    { code: FORWARD_MESSAGE, errors: [{ messageId: 'unremovable', line: 6 }] },
    { code: OTHER_STORE, errors: [{ messageId: 'leakedPerCall', line: 8 }] },
  ],
});

// 5. Intervals kept on a local record that the function publishes to a module binding, and cleared
//    through that binding (letta-code's cron scheduler: `schedulerState = state`, then
//    `clearInterval(schedulerState.tickInterval)`). Near-misses: one of the two never cleared, and
//    clears through another binding.
const PUBLISHED_STATE = `interface SchedulerState {
  tickInterval: ReturnType<typeof setInterval>;
  gcInterval: ReturnType<typeof setInterval>;
}

let schedulerState: SchedulerState | null = null;

export function startScheduler(tick: () => void, gc: () => void): void {
  if (schedulerState) return;
  const state: SchedulerState = {
    tickInterval: null as unknown as ReturnType<typeof setInterval>,
    gcInterval: null as unknown as ReturnType<typeof setInterval>,
  };
  state.tickInterval = setInterval(tick, 1_000);
  state.gcInterval = setInterval(gc, 60_000);
  schedulerState = state;
}

export function stopScheduler(): void {
  if (!schedulerState) return;
  clearInterval(schedulerState.tickInterval);
  clearInterval(schedulerState.gcInterval);
  schedulerState = null;
}
`;
const ONE_NOT_CLEARED = PUBLISHED_STATE.replace('  clearInterval(schedulerState.gcInterval);\n', '');
const OTHER_BINDING = PUBLISHED_STATE.replace(
  'let schedulerState: SchedulerState | null = null;',
  'let schedulerState: SchedulerState | null = null;\nlet previousState: SchedulerState | null = null;',
).replace('  clearInterval(schedulerState.tickInterval);\n  clearInterval(schedulerState.gcInterval);', '  clearInterval(previousState?.tickInterval);\n  clearInterval(previousState?.gcInterval);');

const intervals = new RuleTester();
intervals.run('no-leaked-interval (cleared through the binding the record is published to)', intervalRule, {
  valid: [PUBLISHED_STATE],
  invalid: [
    { code: ONE_NOT_CLEARED, errors: [{ messageId: 'neverCleared', line: 15 }] },
    {
      code: OTHER_BINDING,
      errors: [
        { messageId: 'neverCleared', line: 15 },
        { messageId: 'neverCleared', line: 16 },
      ],
    },
  ],
});

// 6. Build output in a `dist-` folder (rivet's example `dist-server/` bundle) is out of scope, like
//    `dist/` and `client-dist/`. Near-miss: a source folder whose name only starts with `dist`.
const PER_CALL_LOG = 'const seen = new Set(); export function mark(id) { seen.add(id); }';
const build = new RuleTester();
build.run('no-unbounded-collection (dist- build folders)', collectionRule, {
  valid: [{ code: PER_CALL_LOG, filename: 'examples/kitchen-sink/dist-server/server.ts' }],
  invalid: [
    {
      code: PER_CALL_LOG,
      filename: 'src/distribution/server.ts',
      errors: [{ messageId: 'unbounded', line: 1, suggestions: suggest("import { TtlSet } from 'bounded';\nconst SEEN_MAX = 10_000;\nconst seen = new TtlSet<any>({ max: SEEN_MAX }); export function mark(id) { seen.add(id); }") }],
    },
  ],
});

// 7. A test double's listeners (convex agent's `MockLanguageModel`, shipped for its users' tests): the
//    listener family now skips classes named as test doubles, as the collection family does. Near-miss:
//    the same class under another name.
const MOCK_MODEL = `export class MockLanguageModel {
  calls = 0;

  async doStream(options: { abortSignal?: AbortSignal }): Promise<{ stream: ReadableStream<string> }> {
    this.calls++;
    if (options.abortSignal) {
      options.abortSignal.addEventListener('abort', () => {
        console.warn('abortSignal in mock model not supported');
      });
    }
    return { stream: new ReadableStream<string>() };
  }
}
`;
const RECORDING_MODEL = MOCK_MODEL.replace('MockLanguageModel', 'RecordingLanguageModel');

const doubles = new RuleTester();
doubles.run('no-leaked-listener (test doubles)', listenerRule, {
  valid: [MOCK_MODEL],
  invalid: [{ code: RECORDING_MODEL, errors: [{ messageId: 'unremovable', line: 7 }] }],
});
