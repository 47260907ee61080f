import { RuleTester } from '@typescript-eslint/rule-tester';

import listenerRule from '../../rules/src/rules/no-leaked-listener.js';
import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';
import { suggest } from './suggest.js';

// Growth and registrations that run once, which the twelfth fresh review (session 12) found reported:
// - sentry's undici instrumentation returns while `_channelSubs` holds anything, then calls the
//   module helper that pushes: the array is filled on the first call only;
// - dd-trace's data streams registry leaves when `this.#nextId > 254`, then takes
//   `const id = this.#nextId++` (a counter cap whose increment is a declaration);
// - sentry's react-router instrumentation registers behind `if (!GLOBAL[FLAG] && WINDOW.addEventListener)
//   { GLOBAL[FLAG] = true; ... }`: a once flag joined to another condition by `&&`;
// - sentry's integrations register in the `setupOnce()` / `afterAllSetup` hooks of the plugin object
//   each integration factory returns: the host calls a hook once per plugin object, and a plugin
//   without a teardown hook lives as long as its host;
// - CopilotKit's CLI examples register `rl.on('close')` in the executor of the promise that `chatLoop()`
//   returns, and `main()` calls `chatLoop()` once.
// Near-misses: an exit that tests another collection, a helper that is also called without the exit,
// an exit taken while the collection is empty, a counter that is never incremented, a flag joined by
// `||`, a plugin with a teardown hook, a hook named `run` (a task object may be run many times), and a
// chat loop that a signal handler starts again.
const UNDICI = `import * as dc from 'node:diagnostics_channel';
const _channelSubs: Array<{ name: string; onMessage: (message: unknown) => void }> = [];
function subscribeToChannel(name: string, onMessage: (message: unknown) => void): void {
  dc.channel(name).subscribe(onMessage);
  _channelSubs.push({ name, onMessage });
}
export function instrumentUndici(config: object = {}): void {
  // Avoid duplicate subscriptions
  if (_channelSubs.length) {
    return;
  }
  subscribeToChannel('undici:request:create', (message) => onRequestCreated(config, message));
  subscribeToChannel('undici:request:error', (message) => onError(message));
}
declare function onRequestCreated(config: object, message: unknown): void;
declare function onError(message: unknown): void;
`;

const PRELOADS = `export class Preloads {
  private readonly urls: string[] = [];
  preload(base: string): void {
    if (this.urls.length > 0) return;
    this.urls.push(base + '/app.js');
    this.urls.push(base + '/vendor.js');
  }
  has(url: string): boolean {
    return this.urls.includes(url);
  }
}
`;

const CHECKPOINTS = `export class CheckpointRegistry {
  #nameToId = new Map<string, number>();
  #nextId = 1;
  #entryBuffers: Uint8Array[] = [];
  getId(name: string): number | undefined {
    const existing = this.#nameToId.get(name);
    if (existing !== undefined) return existing;
    if (this.#nextId > 254) return undefined;
    const id = this.#nextId++;
    this.#nameToId.set(name, id);
    this.#entryBuffers.push(new TextEncoder().encode(name));
    return id;
  }
  encoded(): Uint8Array[] {
    return this.#entryBuffers;
  }
}
`;

/** The suggestion for `_channelSubs` / `#entryBuffers` / `urls`: a RingBuffer of the default capacity. */
const SUBS_TYPE = '{ name: string; onMessage: (message: unknown) => void }';
const ringSubs = (code: string): string =>
  code
    .replace("import * as dc from 'node:diagnostics_channel';\n", "import * as dc from 'node:diagnostics_channel';\nimport { RingBuffer } from 'bounded';\nconst CHANNEL_SUBS_CAPACITY = 1000;\n")
    .replace(`const _channelSubs: Array<${SUBS_TYPE}> = [];`, `const _channelSubs: RingBuffer<${SUBS_TYPE}> = new RingBuffer<${SUBS_TYPE}>(CHANNEL_SUBS_CAPACITY);`);
const ringEntries = (code: string): string =>
  "import { RingBuffer } from 'bounded';\nconst ENTRY_BUFFERS_CAPACITY = 1000;\n" +
  code
    .replace('#entryBuffers: Uint8Array[] = [];', '#entryBuffers: RingBuffer<Uint8Array> = new RingBuffer<Uint8Array>(ENTRY_BUFFERS_CAPACITY);')
    .replace('return this.#entryBuffers;', 'return this.#entryBuffers.toArray();');
const OTHER_EXIT = UNDICI.replace('if (_channelSubs.length) {', 'if (config && Object.keys(config).length) {');
const UNGUARDED_CALL = UNDICI.replace(
  'declare function onRequestCreated',
  "export function resubscribe(): void {\n  subscribeToChannel('undici:request:headers', () => undefined);\n}\ndeclare function onRequestCreated",
);
const EMPTY_EXIT = PRELOADS.replace('if (this.urls.length > 0) return;', 'if (this.urls.length === 0 && !base) return;');
const NOT_INCREMENTED = CHECKPOINTS.replace('const id = this.#nextId++;', 'const id = this.#nextId;');
const ringUrls = (code: string): string =>
  "import { RingBuffer } from 'bounded';\nconst URLS_CAPACITY = 1000;\n" +
  code.replace('private readonly urls: string[] = [];', 'private readonly urls: RingBuffer<string> = new RingBuffer<string>(URLS_CAPACITY);');

const collections = new RuleTester();
collections.run('no-unbounded-collection (filled once)', collectionRule, {
  valid: [
    { name: 'sentry undici: a helper called only after `if (_channelSubs.length) return`', code: UNDICI },
    { name: 'an exit while the array holds anything (`> 0`), growth in the same method', code: PRELOADS },
    { name: 'dd-trace data streams: `if (this.#nextId > 254) return; const id = this.#nextId++`', code: CHECKPOINTS },
  ],
  invalid: [
    { name: 'near-miss: the exit tests another collection', code: OTHER_EXIT, errors: [{ messageId: 'unbounded', line: 2, suggestions: suggest(ringSubs(OTHER_EXIT)) }] },
    { name: 'near-miss: the helper is also called without the exit', code: UNGUARDED_CALL, errors: [{ messageId: 'unbounded', line: 2, suggestions: suggest(ringSubs(UNGUARDED_CALL)) }] },
    { name: 'near-miss: the exit is taken while the array is empty', code: EMPTY_EXIT, errors: [{ messageId: 'unbounded', line: 2, suggestions: suggest(ringUrls(EMPTY_EXIT)) }] },
    { name: 'near-miss: the capped counter is read, never incremented', code: NOT_INCREMENTED, errors: [{ messageId: 'unbounded', line: 4, suggestions: suggest(ringEntries(NOT_INCREMENTED)) }] },
  ],
});

const POPSTATE = `declare const GLOBAL_WITH_FLAGS: Record<string, unknown>;
declare const WINDOW: Window;
const SENTRY_POPSTATE_LISTENER_ADDED_FLAG = '__sentry_popstate_listener_added__';
export function instrumentClient(): void {
  if (!GLOBAL_WITH_FLAGS[SENTRY_POPSTATE_LISTENER_ADDED_FLAG] && WINDOW.addEventListener) {
    GLOBAL_WITH_FLAGS[SENTRY_POPSTATE_LISTENER_ADDED_FLAG] = true;
    WINDOW.addEventListener('popstate', () => {
      startNavigation();
    });
  }
}
declare function startNavigation(): void;
`;

const TRACING_INTEGRATION = `import { navigating } from '$app/stores';
export function browserTracingIntegration(options: { instrumentNavigation?: boolean } = {}) {
  const integration = { ...baseIntegration(options) };
  return {
    ...integration,
    afterAllSetup: (client: object) => {
      if (options.instrumentNavigation !== false) {
        _instrumentNavigations(client);
      }
    },
  };
}
function _instrumentNavigations(client: object): void {
  navigating.subscribe((navigation) => {
    startSpan(client, navigation);
  });
}
declare function baseIntegration(options: object): object;
declare function startSpan(client: object, navigation: unknown): void;
`;

const FEEDBACK_INTEGRATION = `export const feedbackIntegration = (options: { autoInject: boolean }) => {
  return {
    name: 'Feedback' as const,
    setupOnce() {
      if (!options.autoInject) return;
      window.addEventListener('online', () => {
        flushQueue();
      });
    },
  };
};
declare function flushQueue(): void;
`;

const CHAT_CLI = `import * as readline from 'node:readline';
const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
async function chatLoop(): Promise<void> {
  return new Promise<void>((resolve) => {
    const promptUser = () => {
      rl.question('> ', async (input) => {
        await answer(input);
        promptUser();
      });
    };
    rl.on('close', () => {
      console.log('Goodbye!');
      resolve();
    });
    promptUser();
  });
}
async function main(): Promise<void> {
  await chatLoop();
}
main().catch(console.error);
declare function answer(input: string): Promise<void>;
`;

const listeners = new RuleTester();
listeners.run('no-leaked-listener (run-once setup)', listenerRule, {
  valid: [
    { name: 'sentry react-router: `if (!FLAGS[F] && WINDOW.addEventListener) { FLAGS[F] = true; ... }`', code: POPSTATE },
    { name: "sentry sveltekit: a module helper called only from a plugin's afterAllSetup hook", code: TRACING_INTEGRATION },
    { name: "sentry feedback: a registration in a plugin's setupOnce hook", code: FEEDBACK_INTEGRATION },
    { name: 'CopilotKit CLI example: the executor of the promise a function called once from main() returns', code: CHAT_CLI },
    {
      name: 'a plugin hook named `release` is no teardown unless teardownMethods names it',
      code: FEEDBACK_INTEGRATION.replace("    name: 'Feedback' as const,\n", "    name: 'Feedback' as const,\n    release() {},\n"),
    },
  ],
  invalid: [
    {
      name: 'near-miss: the flag is joined by `||`, so the other condition reopens the gate',
      code: POPSTATE.replace('] && WINDOW.addEventListener)', '] || WINDOW.addEventListener)'),
      errors: [{ messageId: 'unremovable', line: 7 }],
    },
    {
      name: 'near-miss: a plugin with a teardown hook may be set up again',
      code: FEEDBACK_INTEGRATION.replace("    name: 'Feedback' as const,\n", "    name: 'Feedback' as const,\n    teardown() {},\n"),
      errors: [{ messageId: 'unremovable', line: 7 }],
    },
    {
      name: "near-miss: a plugin whose teardown hook is named in the rule's teardownMethods",
      code: FEEDBACK_INTEGRATION.replace("    name: 'Feedback' as const,\n", "    name: 'Feedback' as const,\n    release() {},\n"),
      options: [{ teardownMethods: ['close', 'release'] }],
      errors: [{ messageId: 'unremovable', line: 7 }],
    },
    {
      name: 'near-miss: a hook named `run` (a task object may be run many times)',
      code: FEEDBACK_INTEGRATION.replace('setupOnce()', 'run()'),
      errors: [{ messageId: 'unremovable', line: 6 }],
    },
    {
      name: 'near-miss: the chat loop also runs again on every SIGCONT',
      code: CHAT_CLI.replace('main().catch(console.error);', "main().catch(console.error);\nprocess.on('SIGCONT', () => void chatLoop());"),
      errors: [{ messageId: 'unremovable', line: 11 }],
    },
    {
      name: 'near-miss: the helper is also called from a request handler',
      code: TRACING_INTEGRATION.replace(
        'declare function baseIntegration',
        'export function onRequest(client: object): void {\n  _instrumentNavigations(client);\n}\ndeclare function baseIntegration',
      ),
      errors: [{ messageId: 'leakedPerCall', line: 14 }],
    },
  ],
});
