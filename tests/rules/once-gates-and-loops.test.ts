import { RuleTester } from '@typescript-eslint/rule-tester';

import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';
import intervalRule from '../../rules/src/rules/no-leaked-interval.js';
import listenerRule from '../../rules/src/rules/no-leaked-listener.js';
import { suggest } from './suggest.js';

// Bounded code that the thirteenth fresh review (session 13) found reported:
// - firebase's event emitters take a listener list out as `const listeners = this.listeners_[type] || []`
//   and splice the listener out of that alias;
// - the MongoDB driver's wire messages parse once: `if (this.parsed) return this.sections[0]`, then fill
//   `sections` and set `this.parsed = true` (mikro-orm's `Configuration` routines alike);
// - assistant-ui's thread controller keeps the returned unsubscribe as its own once flag:
//   `if (this.unsubscribe) return; this.unsubscribe = client.subscribe(...)`, called in `dispose()`;
// - NodeBB's client modules add and remove the handlers of one `events` table in two loops over
//   `Object.entries(events)`;
// - firebase adds `DOMContentLoaded` listeners only while `document.readyState` says the page loads;
// - mineflayer's example bots start an interval in `bot.once('spawn', ...)` at the top of the script;
// - NodeBB's installer starts its intervals in `checkIfReady()`, called once from the jQuery ready
//   callback, and its admin script registers in the callback of an AMD `require([...], cb)`;
// - twilio-video's participant removes its listeners through `const participantSignaling =
//   this._signaling` inside a named `function stateChanged()` that also removes itself;
// - sharedb subscribes with error-first completion callbacks;
// - NodeBB's pub/sub is a lazy singleton (`if (host) return host; host = new EventEmitter()`).
// Near-misses that stay reported: a fallback that is a shared array, a flag that another method sets
// back to false, a flag joined by `&&`, a subscription stored without the guard, a removal loop over
// another table, a page-load listener without the readyState test, another event under that test, an
// interval in a handler of every `spawn`, a function called twice, a CommonJS `require` callback, an
// anonymous function that cannot name itself, a lazy value that another function sets back to null, and a
// local made again on every call, which gates nothing.

const EMITTER = `export class Emitter {
  private listeners_: { [eventType: string]: Array<{ callback: (a: unknown) => void }> } = {};
  on(eventType: string, callback: (a: unknown) => void): void {
    this.listeners_[eventType] = this.listeners_[eventType] || [];
    this.listeners_[eventType].push({ callback });
  }
  off(eventType: string, callback: (a: unknown) => void): void {
    const listeners = this.listeners_[eventType] || [];
    for (let i = 0; i < listeners.length; i++) {
      if (listeners[i].callback === callback) {
        listeners.splice(i, 1);
        return;
      }
    }
  }
}
`;

const PARSE_ONCE = `export class OpReply {
  parsed = false;
  sections: Uint8Array[] = [];
  constructor(private readonly data: Uint8Array) {
    this.parsed = false;
  }
  parse(): Uint8Array | undefined {
    if (this.parsed) return this.sections[0];
    let index = 0;
    while (index < this.data.length) {
      const size = this.data[index]!;
      this.sections.push(this.data.subarray(index + 1, index + 1 + size));
      index += size + 1;
    }
    this.parsed = true;
    return this.sections[0];
  }
}
`;

const ROUTINES = `let normalised = false;
const routines: string[] = [];
export function normaliseRoutines(input: string[]): readonly string[] {
  if (normalised) {
    return routines;
  }
  for (const routine of input) routines.push(routine.trim());
  normalised = true;
  return routines;
}
`;

const LAZY_FILL = `const cache: string[] = [];
let loaded: Set<string> | undefined;
export function load(items: string[]): Set<string> {
  if (loaded) return loaded;
  loaded = new Set();
  for (const item of items) cache.push(item);
  return loaded;
}
`;
const LAZY_RESET = LAZY_FILL.concat('export function unload(): void {\n  loaded = undefined;\n}\n');

// vite's module graph: `let mod = lookup(url); if (mod) return mod; mod = new Node(url)` is a memo made
// per call, not a gate: the local is new on every call.
const MODULE_GRAPH = `class ModuleNode {
  constructor(readonly url: string) {}
}
export class ModuleGraph {
  urlToModuleMap = new Map<string, ModuleNode>();
  getModuleByUrl(url: string): ModuleNode | undefined {
    return this.urlToModuleMap.get(url);
  }
  ensureEntryFromUrl(url: string): ModuleNode {
    let mod = this.getModuleByUrl(url);
    if (mod) return mod;
    mod = new ModuleNode(url);
    this.urlToModuleMap.set(url, mod);
    return mod;
  }
}
`;
const ttlModules = (code: string): string =>
  code
    .replace('class ModuleNode {', "import { TtlMap } from 'bounded';\nclass ModuleNode {")
    .replace('export class ModuleGraph {', 'const URL_TO_MODULE_MAP_MAX = 10_000;\nexport class ModuleGraph {')
    .replace('urlToModuleMap = new Map<string, ModuleNode>();', 'urlToModuleMap = new TtlMap<string, ModuleNode>({ max: URL_TO_MODULE_MAP_MAX });');

const SHARED_FALLBACK = EMITTER.replace('const listeners = this.listeners_[eventType] || [];', 'const listeners = this.listeners_[eventType] || NO_LISTENERS;').concat(
  'const NO_LISTENERS: Array<{ callback: (a: unknown) => void }> = [];\n',
);
const REOPENED = PARSE_ONCE.replace('  parse(): Uint8Array | undefined {', '  reset(): void {\n    this.parsed = false;\n  }\n  parse(): Uint8Array | undefined {');
const REOPENED_VARIABLE = ROUTINES.concat('export function reload(): void {\n  normalised = false;\n}\n');
const AND_FLAG = PARSE_ONCE.replace('if (this.parsed) return', 'if (this.parsed && this.data.length > 0) return');

/** The suggestions: a TtlMap for the listener record, a RingBuffer of the default capacity for the arrays. */
const LISTENER_LIST = 'Array<{ callback: (a: unknown) => void }>';
const ttlListeners = (code: string): string =>
  "import { TtlMap } from 'bounded';\nconst LISTENERS_MAX = 10_000;\n" +
  code
    .replace(`private listeners_: { [eventType: string]: ${LISTENER_LIST} } = {};`, `private listeners_: TtlMap<string, ${LISTENER_LIST}> = new TtlMap<string, ${LISTENER_LIST}>({ max: LISTENERS_MAX });`)
    .replace('this.listeners_[eventType] = this.listeners_[eventType] || [];', 'this.listeners_.set(eventType, this.listeners_.get(eventType) || []);')
    .replace('this.listeners_[eventType].push({ callback });', 'this.listeners_.get(eventType)!.push({ callback });')
    .replace('const listeners = this.listeners_[eventType] || NO_LISTENERS;', 'const listeners = this.listeners_.get(eventType) || NO_LISTENERS;');
const ringSections = (code: string): string =>
  "import { RingBuffer } from 'bounded';\nconst SECTIONS_CAPACITY = 1000;\n" +
  code.replace('sections: Uint8Array[] = [];', 'sections: RingBuffer<Uint8Array> = new RingBuffer<Uint8Array>(SECTIONS_CAPACITY);').replaceAll('return this.sections[0];', 'return this.sections.at(0)!;');
const ringRoutines = (code: string): string =>
  code
    .replace('let normalised = false;\n', "import { RingBuffer } from 'bounded';\nlet normalised = false;\n")
    .replace('const routines: string[] = [];', 'const ROUTINES_CAPACITY = 1000;\nconst routines: RingBuffer<string> = new RingBuffer<string>(ROUTINES_CAPACITY);')
    .replaceAll('return routines;', 'return routines.toArray();');
const ringCache = (code: string): string =>
  "import { RingBuffer } from 'bounded';\nconst CACHE_CAPACITY = 1000;\n" +
  code.replace('const cache: string[] = [];', 'const cache: RingBuffer<string> = new RingBuffer<string>(CACHE_CAPACITY);');

// sharedb subscribes to each query channel with an error-first completion callback `(err, stream) =>`,
// called once per channel: no event handler, and `subscribe` registers nothing to remove (fresh review 13).
const QUERY_SUBSCRIBE = `declare const pubsub: { subscribe(channel: string, callback: (err: Error | null, stream?: { destroy(): void }) => void): void };
export function querySubscribe(channels: string[], done: () => void): void {
  const streams: Array<{ destroy(): void }> = [];
  function destroyStreams(): void {
    streams.forEach((stream) => stream.destroy());
  }
  channels.forEach((channel) => {
    pubsub.subscribe(channel, (err, stream) => {
      if (err || !stream) {
        destroyStreams();
        return;
      }
      streams.push(stream);
      done();
    });
  });
}
`;
const MESSAGE_HANDLER = QUERY_SUBSCRIBE.replace('(err, stream) => {', '(stream) => {\n      const err = null;').replace(
  'callback: (err: Error | null, stream?: { destroy(): void }) => void',
  'callback: (stream?: { destroy(): void }) => void',
);
/** The suggestion for the `streams` local: a RingBuffer of the default capacity. */
const ringStreams = (code: string): string =>
  code
    .replace('declare const pubsub', "import { RingBuffer } from 'bounded';\ndeclare const pubsub")
    .replace('export function querySubscribe', 'const STREAMS_CAPACITY = 1000;\nexport function querySubscribe')
    .replace('const streams: Array<{ destroy(): void }> = [];', 'const streams: RingBuffer<{ destroy(): void }> = new RingBuffer<{ destroy(): void }>(STREAMS_CAPACITY);');

const collections = new RuleTester();
collections.run('no-unbounded-collection (once gates, aliases with a fallback)', collectionRule, {
  valid: [
    { name: 'firebase EventEmitter: splice through `const listeners = this.listeners_[type] || []`', code: EMITTER },
    { name: 'mongodb OpReply: `if (this.parsed) return ...` before the fill, `this.parsed = true` after', code: PARSE_ONCE },
    { name: 'a module flag: `if (normalised) return routines;` ... `normalised = true`', code: ROUTINES },
    { name: 'sharedb querySubscribe: a local filled in an error-first completion callback of `subscribe`', code: QUERY_SUBSCRIBE },
    { name: 'a lazy initialisation: `if (loaded) return loaded; loaded = new Set()` before the fill', code: LAZY_FILL },
  ],
  invalid: [
    { name: 'near-miss: the fallback is a shared array, not a fresh one', code: SHARED_FALLBACK, errors: [{ messageId: 'unbounded', line: 2, suggestions: suggest(ttlListeners(SHARED_FALLBACK)) }] },
    { name: 'near-miss: reset() sets the flag back to false and keeps the sections', code: REOPENED, errors: [{ messageId: 'unbounded', line: 3, suggestions: suggest(ringSections(REOPENED)) }] },
    { name: 'near-miss: a module flag set back to false by another function', code: REOPENED_VARIABLE, errors: [{ messageId: 'unbounded', line: 2, suggestions: suggest(ringRoutines(REOPENED_VARIABLE)) }] },
    {
      name: 'near-miss: the callback takes messages, not an error first',
      code: MESSAGE_HANDLER,
      errors: [{ messageId: 'unboundedLocal', line: 3, suggestions: suggest(ringStreams(MESSAGE_HANDLER)) }],
    },
    {
      name: 'near-miss: unload() sets the lazy value back to undefined and keeps the cache',
      code: LAZY_RESET,
      errors: [{ messageId: 'unbounded', line: 1, suggestions: suggest(ringCache(LAZY_RESET)) }],
    },
    {
      name: 'near-miss: a local made again on every call gates nothing (vite module graph)',
      code: MODULE_GRAPH,
      errors: [{ messageId: 'unbounded', line: 5, suggestions: suggest(ttlModules(MODULE_GRAPH)) }],
    },
    { name: 'near-miss: the exit needs another condition too (`&&`)', code: AND_FLAG, errors: [{ messageId: 'unbounded', line: 3, suggestions: suggest(ringSections(AND_FLAG)) }] },
  ],
});

const SUBSCRIBED = `interface Client {
  subscribe(threadId: string, listener: (event: unknown) => void, options?: object): () => void;
}
export class ThreadController {
  private unsubscribeFromEvents: (() => void) | null = null;
  constructor(
    private readonly client: Client,
    private readonly threadId: string,
  ) {}
  dispose(): void {
    this.unsubscribeFromEvents?.();
    this.unsubscribeFromEvents = null;
  }
  ensureEventSubscription(options?: object): void {
    if (this.unsubscribeFromEvents) return;
    this.unsubscribeFromEvents = this.client.subscribe(
      this.threadId,
      (event) => {
        this.dispatch(event);
      },
      options,
    );
  }
  private dispatch(event: unknown): void {
    void event;
  }
}
`;

const LOOPED = `declare const socket: {
  on(event: string, handler: (data: unknown) => void): void;
  removeListener(event: string, handler: (data: unknown) => void): void;
};
const events: Record<string, (data: unknown) => void> = {
  'event:chats.receive': onReceive,
  'event:chats.typing': onTyping,
};
export function attach(): void {
  removeListeners();
  for (const [eventName, handler] of Object.entries(events)) {
    socket.on(eventName, handler);
  }
}
export function removeListeners(): void {
  for (const [eventName, handler] of Object.entries(events)) {
    socket.removeListener(eventName, handler);
  }
}
function onReceive(data: unknown): void {
  void data;
}
function onTyping(data: unknown): void {
  void data;
}
`;

const PAGE_LOAD = `export function emitEmulatorWarning(): void {
  const attachBanner = (): void => {
    document.body.appendChild(document.createElement('div'));
  };
  if (document.readyState === 'loading') {
    window.addEventListener('DOMContentLoaded', attachBanner);
  } else {
    attachBanner();
  }
}
export function executeWhenDOMReady(fn: () => void): void {
  if (document.readyState === 'complete') {
    fn();
  } else {
    document.addEventListener('DOMContentLoaded', fn, false);
    window.addEventListener('load', fn, false);
  }
}
`;

const UNGUARDED_SUBSCRIPTION = SUBSCRIBED.replace('    if (this.unsubscribeFromEvents) return;\n', '');
const OTHER_TABLE = LOOPED.replace(
  'export function removeListeners(): void {\n  for (const [eventName, handler] of Object.entries(events)) {',
  'const legacyEvents: Record<string, (data: unknown) => void> = {};\nexport function removeListeners(): void {\n  for (const [eventName, handler] of Object.entries(legacyEvents)) {',
);
const NO_READY_STATE = PAGE_LOAD.replace("  if (document.readyState === 'loading') {\n    window.addEventListener('DOMContentLoaded', attachBanner);\n  } else {\n    attachBanner();\n  }", "  window.addEventListener('DOMContentLoaded', attachBanner);");
const RESIZE = PAGE_LOAD.replace("window.addEventListener('DOMContentLoaded', attachBanner);", "window.addEventListener('resize', attachBanner);");

const PARTICIPANT = `import { EventEmitter } from 'node:events';
export class Participant extends EventEmitter {
  private readonly _signaling: EventEmitter & { tracks: Map<string, unknown> };
  constructor(signaling: EventEmitter & { tracks: Map<string, unknown> }) {
    super();
    this._signaling = signaling;
  }
  protected handleTrackSignalingEvents(): void {
    const self = this;
    const participantSignaling = this._signaling;
    function trackSignalingAdded(signaling: unknown): void {
      self.emit('trackAdded', signaling);
    }
    participantSignaling.on('trackAdded', trackSignalingAdded);
    participantSignaling.on('stateChanged', function stateChanged(state: string) {
      if (state === 'disconnected') {
        participantSignaling.removeListener('stateChanged', stateChanged);
        participantSignaling.removeListener('trackAdded', trackSignalingAdded);
      }
    });
  }
}
`;

const AMD_REQUIRE = `declare const socket: { on(event: string, handler: () => void): void };
declare function require(deps: string[], callback: (...modules: any[]) => void): void;
(function () {
  require(['hooks', 'admin/modules/relogin-timer'], (hooks, reloginTimer) => {
    socket.on('event:admin.reloginRequired', () => {
      reloginTimer.show();
    });
  });
})();
`;

// NodeBB's pub/sub makes its emitter lazily: `if (singleHost) return singleHost; singleHost = new
// EventEmitter(); process.on('message', ...)` registers once per process (fresh review 13).
const LAZY_CLIENT = `import { EventEmitter } from 'node:events';
let client: EventEmitter | null = null;
export function getClient(): EventEmitter {
  if (client) return client;
  client = new EventEmitter();
  process.on('message', (message) => client!.emit('message', message));
  return client;
}
`;

const listeners = new RuleTester();
listeners.run('no-leaked-listener (once gates, looped pairs, page load)', listenerRule, {
  valid: [
    { name: 'assistant-ui: the stored unsubscribe is its own once flag, called in dispose()', code: SUBSCRIBED },
    { name: 'NodeBB: add and remove loops over the same `Object.entries(events)`', code: LOOPED },
    { name: 'firebase: page-load listeners added only while `document.readyState` says the page loads', code: PAGE_LOAD },
    { name: 'twilio-video: removal through `const s = this._signaling` inside a named function that removes itself', code: PARTICIPANT },
    { name: 'NodeBB admin: a registration in the callback of an AMD `require([...], cb)` at load', code: AMD_REQUIRE },
    { name: 'sharedb: `subscribe(channel, (err, stream) => ...)` takes a completion callback and registers no handler', code: QUERY_SUBSCRIBE },
    { name: 'NodeBB pubsub: a lazy singleton registers once (`let client = null` is a declaration)', code: LAZY_CLIENT },
  ],
  invalid: [
    { name: 'near-miss: without the guard, each call overwrites the stored unsubscribe', code: UNGUARDED_SUBSCRIPTION, errors: [{ messageId: 'leakedPerCall', line: 15 }] },
    { name: 'near-miss: the removal loop reads another table', code: OTHER_TABLE, errors: [{ messageId: 'leakedPerCall', line: 12 }] },
    { name: 'near-miss: a page-load listener added on every call', code: NO_READY_STATE, errors: [{ messageId: 'leakedPerCall', line: 5 }] },
    { name: 'near-miss: another event under the readyState test', code: RESIZE, errors: [{ messageId: 'leakedPerCall', line: 6 }] },
    {
      name: 'near-miss: close() sets the singleton back to null, and the next call registers again',
      code: LAZY_CLIENT.concat('export function close(): void {\n  client = null;\n}\n'),
      errors: [{ messageId: 'unremovable', line: 6 }],
    },
    {
      name: 'near-miss: a local lazily made per call gates nothing',
      code: LAZY_CLIENT.replace('let client: EventEmitter | null = null;\nexport function getClient(): EventEmitter {\n', 'export function getClient(): EventEmitter {\n  let client: EventEmitter | null = lookup();\n').concat('declare function lookup(): EventEmitter | null;\n'),
      errors: [{ messageId: 'unremovable', line: 6 }],
    },
    { name: 'near-miss: the subscribe callback takes the messages', code: MESSAGE_HANDLER, errors: [{ messageId: 'leakedPerCall', line: 8 }] },
    {
      name: 'near-miss: an anonymous function cannot remove itself',
      code: PARTICIPANT.replace('function stateChanged(state: string)', 'function (state: string)').replace("participantSignaling.removeListener('stateChanged', stateChanged);\n", ''),
      errors: [{ messageId: 'unremovable', line: 15 }],
    },
    {
      name: 'near-miss: a CommonJS-style require callback without a dependency list',
      code: AMD_REQUIRE.replace("require(['hooks', 'admin/modules/relogin-timer'], (hooks, reloginTimer) => {", "onEachPage((hooks, reloginTimer) => {").replace('declare function require(deps: string[], callback: (...modules: any[]) => void): void;', 'declare function onEachPage(callback: (...modules: any[]) => void): void;'),
      errors: [{ messageId: 'unremovable', line: 5 }],
    },
  ],
});

const ONCE_SPAWN = `declare function createBot(options: object): {
  once(event: string, handler: () => void): void;
  on(event: string, handler: () => void): void;
  lookAtNearest(): void;
};
const bot = createBot({ host: process.argv[2] });
bot.once('spawn', function () {
  setInterval(() => {
    bot.lookAtNearest();
  }, 50);
});
`;

const INSTALLER = `declare const $: (selector: unknown) => { ready(fn: () => void): void; length: number; attr(name: string, value?: unknown): string };
$('document').ready(function () {
  function checkIfReady(): void {
    const progressEl = $('#installing .progress-bar');
    setInterval(function () {
      progressEl.attr('data-percent', Math.min(100, parseFloat(progressEl.attr('data-percent')) + 0.5));
    }, 1000);
  }
  if ($('#installing').length) {
    checkIfReady();
  }
});
`;

const intervals = new RuleTester();
intervals.run('no-leaked-interval (once handlers at load)', intervalRule, {
  valid: [
    { name: "mineflayer example: an interval in `bot.once('spawn', ...)` at the top of the script", code: ONCE_SPAWN },
    { name: 'NodeBB installer: a function called once from the jQuery ready callback', code: INSTALLER },
  ],
  invalid: [
    {
      name: "near-miss: `bot.on('spawn', ...)` starts another interval on every respawn",
      code: ONCE_SPAWN.replace("bot.once('spawn'", "bot.on('spawn'"),
      errors: [{ messageId: 'discarded', line: 8 }],
    },
    {
      name: 'near-miss: the function is also called from a click handler',
      code: INSTALLER.replace("    checkIfReady();\n  }\n", "    checkIfReady();\n  }\n  document.addEventListener('click', () => checkIfReady());\n"),
      errors: [{ messageId: 'discarded', line: 5 }],
    },
  ],
});
