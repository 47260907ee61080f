import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';

import rule, { type MessageIds, type Options } from '../../rules/src/rules/no-unbounded-cache.js';

const ruleTester = new RuleTester();

/** grpc-js's health service (fifth fresh review): watcher sets emptied from inside, their keys never deleted. */
// CopilotKit's WhatsApp history store caps each conversation (`arr.length > max` then `splice`, through
// `const arr = this.map.get(k) ?? []`) and never removes a conversation: the cap is on an entry, not on
// the number of keys (fresh review 12; found again when the alias became visible, fresh review 13).
const HISTORY_STORE = `export class InMemoryHistoryStore {
  private readonly map = new Map<string, string[]>();
  constructor(private readonly maxMessages = 100) {}
  async append(conversationKey: string, message: string): Promise<void> {
    const arr = this.map.get(conversationKey) ?? [];
    arr.push(message);
    if (arr.length > this.maxMessages) arr.splice(0, arr.length - this.maxMessages);
    this.map.set(conversationKey, arr);
  }
  async read(conversationKey: string): Promise<string[]> {
    return [...(this.map.get(conversationKey) ?? [])];
  }
}
`;

const HEALTH_WATCHERS = `export class HealthImplementation {
  private watchers: Map<string, Set<(s: string) => void>> = new Map();
  private addWatcher(service: string, watcher: (s: string) => void) {
    const existing = this.watchers.get(service);
    if (existing) {
      existing.add(watcher);
    } else {
      const fresh = new Set<(s: string) => void>();
      fresh.add(watcher);
      this.watchers.set(service, fresh);
    }
  }
  private removeWatcher(service: string, watcher: (s: string) => void) {
    this.watchers.get(service)?.delete(watcher);
  }
  watch(service: string, watcher: (s: string) => void, onCancel: (f: () => void) => void) {
    this.addWatcher(service, watcher);
    onCancel(() => this.removeWatcher(service, watcher));
  }
}
`;

/** stagehand's CDP connection before bb5ffa6f (held-out recall 8): per-session handler sets emptied from inside. */
const SESSION_HANDLERS = `type EventHandler = (params: unknown) => void;
export class CdpConnection {
  private eventHandlers = new Map<string, Set<EventHandler>>();
  onSessionEvent(sessionId: string, event: string, handler: EventHandler): void {
    const key = \`\${sessionId}:\${event}\`;
    const set = this.eventHandlers.get(key) ?? new Set<EventHandler>();
    set.add(handler);
    this.eventHandlers.set(key, set);
  }
  offSessionEvent(sessionId: string, event: string, handler: EventHandler): void {
    const set = this.eventHandlers.get(\`\${sessionId}:\${event}\`);
    if (set) set.delete(handler);
  }
}
`;

const valid: (string | ValidTestCase<Options>)[] = [
  // Held-out recall 8 near-miss: the get-or-create set's key is deleted when its last handler goes.
  SESSION_HANDLERS.replace(
    '    if (set) set.delete(handler);\n',
    '    if (!set) return;\n    set.delete(handler);\n    if (set.size === 0) this.eventHandlers.delete(`${sessionId}:${event}`);\n',
  ),
  {
    name: 'fifth fresh review near-miss: the key is deleted once its inner set is empty',
    code: HEALTH_WATCHERS.replace(
      '    this.watchers.get(service)?.delete(watcher);\n',
      '    const set = this.watchers.get(service);\n    set?.delete(watcher);\n    if (set?.size === 0) this.watchers.delete(service);\n',
    ),
  },

  // Fresh review 4 (cline, deepstream.io): the declared key type is finite.
  {
    name: 'fresh review 4 (cline): a promise per language, the key type an imported language union',
    code: "import type { SupportedCodeLanguage } from './languages'; const languagePromises = new Map<SupportedCodeLanguage, Promise<void>>(); export function load(language: SupportedCodeLanguage): Promise<void> { const cached = languagePromises.get(language); if (cached) return cached; const p = Promise.resolve(); languagePromises.set(language, p); return p; }",
  },
  {
    name: 'fresh review 4 (cline): one component per HTML tag name (keyof JSX.IntrinsicElements)',
    code: "const cache = new Map<keyof JSX.IntrinsicElements, object>(); export function get(element: keyof JSX.IntrinsicElements) { let c = cache.get(element); if (!c) { c = { element }; cache.set(element, c); } return c; }",
  },
  {
    name: 'fresh review 4 (deepstream.io): registries per topic, an imported all-capitals enum',
    code: "import { TOPIC } from './constants'; export class Factory { private registries = new Map<TOPIC, object>(); get(topic: TOPIC) { if (this.registries.has(topic)) return this.registries.get(topic); const r = { topic }; this.registries.set(topic, r); return r; } }",
  },
  {
    name: 'fresh review 4: a key type alias of literals declared in the file; the parameter type alone bounds an untyped map',
    code: "type Mode = 'plan' | 'act'; const factories = new Map(); export function factory(key: Mode) { let f = factories.get(key); if (!f) { f = build(key); factories.set(key, f); } return f; } declare function build(m: Mode): object;",
  },
  // Evicts: delete, clear, a size cap, or reset.
  'const memo = new Map<string, number>(); export function f(k: string) { const hit = memo.get(k); if (hit !== undefined) return hit; const v = k.length; memo.set(k, v); return v; } export function forget(k: string) { memo.delete(k); }',
  'const memo = new Map<string, number>(); export function f(k: string) { if (memo.has(k)) return memo.get(k); if (memo.size > 500) memo.clear(); memo.set(k, 1); return 1; }',
  'class C { private memo = new Map<string, number>(); f(k: string) { if (!this.memo.has(k)) this.memo.set(k, 1); return this.memo.get(k); } reset() { this.memo = new Map(); } }',
  // Already bounded.
  "import { TtlMap } from 'bounded'; const memo = new TtlMap<string, number>({ max: 10 }); export function f(k: string) { if (!memo.has(k)) memo.set(k, 1); return memo.get(k); }",
  "import { LRUCache } from 'lru-cache'; const memo = new LRUCache<string, number>({ max: 10 }); export function f(k: string) { if (!memo.has(k)) memo.set(k, 1); return memo.get(k); }",
  'const memo = new WeakMap<object, number>(); export function f(k: object) { if (!memo.has(k)) memo.set(k, 1); return memo.get(k); }',
  // Not a memo: the lookup and the insert use different keys, or happen in different functions.
  'const m = new Map<string, number>(); export function put(k: string) { m.set(k, 1); } export function get(k: string) { return m.get(k); }',
  // A counter (the insert reads the entry it replaces) and a group-by index are collections, not caches.
  'const counts = new Map<string, number>(); export function hit(k: string) { counts.set(k, (counts.get(k) ?? 0) + 1); }',
  // The same counter through a local (apollo-client's makeUniqueId; fresh review 13).
  'const prefixCounts = new Map<string, number>(); export function makeUniqueId(prefix: string) { const count = prefixCounts.get(prefix) || 1; prefixCounts.set(prefix, count + 1); return `${prefix}:${count}`; }',
  'const groups = new Map<string, string[]>(); export function add(k: string, v: string) { if (!groups.has(k)) groups.set(k, []); groups.get(k)!.push(v); }',
  // A cache keyed by a finite domain (one entry per event type).
  'const byType = new Map<string, object>(); export function f(e: { type: string }) { if (!byType.has(e.type)) byType.set(e.type, {}); return byType.get(e.type); }',
  // One entry per debug namespace: a `name` of something defined in code.
  "const debuggers: Record<string, object> = {}; export function debugFor(name: string) { if (!debuggers[name]) debuggers[name] = { name }; return debuggers[name]; }",
  // Precision run: a docs site caches per docs version, a finite domain.
  'const cache = new Map<string, string[]>(); export async function recipes(version: string, load: (v: string) => Promise<string[]>) { const hit = cache.get(version); if (hit) return hit; const items = await load(version); cache.set(version, items); return items; }',
  // Filled once at start-up.
  'const memo = new Map<string, number>(); for (const k of ["a", "b"]) { if (!memo.has(k)) memo.set(k, 1); }',
  // ignore option.
  {
    code: 'const memo = new Map<string, number>(); export function f(k: string) { if (!memo.has(k)) memo.set(k, 1); return memo.get(k); }',
    options: [{ ignore: ['^memo$'] }],
  },
  // shrinkMethods option: a project-specific eviction helper on the map.
  {
    code: 'const memo = new Map<string, number>() as Map<string, number> & { prune(): void }; export function f(k: string) { if (!memo.has(k)) memo.set(k, 1); memo.prune(); return memo.get(k); }',
    options: [{ shrinkMethods: ['prune'] }],
  },
];

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  {
    name: 'held-out recall 8 (stagehand bb5ffa6f): get-or-create handler sets emptied from inside keep one key per session and event',
    code: SESSION_HANDLERS,
    errors: [{ messageId: 'keyMismatch', line: 3, suggestions: [{ messageId: 'suggestBounded', output: `import { TtlMap } from 'bounded';
type EventHandler = (params: unknown) => void;
const EVENT_HANDLERS_MAX = 10_000;
const EVENT_HANDLERS_TTL_MS = 10 * 60_000;
export class CdpConnection {
  private eventHandlers = new TtlMap<string, Set<EventHandler>>({ max: EVENT_HANDLERS_MAX, ttl: EVENT_HANDLERS_TTL_MS });
  onSessionEvent(sessionId: string, event: string, handler: EventHandler): void {
    const key = \`\${sessionId}:\${event}\`;
    const set = this.eventHandlers.get(key) ?? new Set<EventHandler>();
    set.add(handler);
    this.eventHandlers.set(key, set);
  }
  offSessionEvent(sessionId: string, event: string, handler: EventHandler): void {
    const set = this.eventHandlers.get(\`\${sessionId}:\${event}\`);
    if (set) set.delete(handler);
  }
}
` }] }],
  },
  {
    name: 'held-out recall 8 (botbuilder-js 5b58d104): a static memo cache of a *Parser class lives as long as the class, not as one parse',
    code: `export class ExpressionParser {
  private static expressionDict: Map<string, object> = new Map<string, object>();
  protected static parse(expression: string): object {
    if (ExpressionParser.expressionDict.has(expression)) {
      return ExpressionParser.expressionDict.get(expression)!;
    }
    const tree = { expression };
    ExpressionParser.expressionDict.set(expression, tree);
    return tree;
  }
}
`,
    errors: [{ messageId: 'unboundedCache', line: 2, suggestions: [{ messageId: 'suggestBounded', output: `import { TtlMap } from 'bounded';
const EXPRESSION_DICT_MAX = 10_000;
const EXPRESSION_DICT_TTL_MS = 10 * 60_000;
export class ExpressionParser {
  private static expressionDict: Map<string, object> = new TtlMap<string, object>({ max: EXPRESSION_DICT_MAX, ttl: EXPRESSION_DICT_TTL_MS });
  protected static parse(expression: string): object {
    if (ExpressionParser.expressionDict.has(expression)) {
      return ExpressionParser.expressionDict.get(expression)!;
    }
    const tree = { expression };
    ExpressionParser.expressionDict.set(expression, tree);
    return tree;
  }
}
` }] }],
  },
  {
    name: 'fresh review 12 (CopilotKit WhatsApp history): a size cap on each entry does not cap the keys',
    code: HISTORY_STORE,
    errors: [
      {
        messageId: 'keyMismatch',
        line: 2,
        suggestions: [
          {
            messageId: 'suggestBounded',
            output: `import { TtlMap } from 'bounded';\nconst MAP_MAX = 10_000;\nconst MAP_TTL_MS = 10 * 60_000;\n${HISTORY_STORE.replace(
              'private readonly map = new Map<string, string[]>();',
              'private readonly map = new TtlMap<string, string[]>({ max: MAP_MAX, ttl: MAP_TTL_MS });',
            )}`,
          },
        ],
      },
    ],
  },
  {
    name: 'fifth fresh review (grpc-js health service): watcher sets emptied from inside keep one key per service name ever watched',
    code: HEALTH_WATCHERS,
    errors: [
      {
        messageId: 'keyMismatch',
        line: 2,
        data: { name: 'watchers', key: 'service', line: 6, cleanupLine: 14, detail: 'it empties the inner collection and leaves its key and the empty container in the map' },
        suggestions: [
          {
            messageId: 'suggestBounded',
            output: `import { TtlMap } from 'bounded';\nconst WATCHERS_MAX = 10_000;\nconst WATCHERS_TTL_MS = 10 * 60_000;\n${HEALTH_WATCHERS.replace(
              '= new Map();',
              '= new TtlMap<string, Set<(s: string) => void>>({ max: WATCHERS_MAX, ttl: WATCHERS_TTL_MS });',
            )}`,
          },
        ],
      },
    ],
  },
  {
    name: 'fresh review 4 near-miss: an interface declared in the file keys the map (one entry per object), not a domain',
    code: "interface Client { id: string } const state = new Map<Client, object>(); export function of(c: Client) { let v = state.get(c); if (!v) { v = build(c); state.set(c, v); } return v; } declare function build(c: Client): object;",
    errors: [{ messageId: 'unboundedCache', line: 1, data: { name: 'state', key: 'c', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\nconst STATE_MAX = 10_000;\nconst STATE_TTL_MS = 10 * 60_000;\ninterface Client { id: string } const state = new TtlMap<Client, object>({ max: STATE_MAX, ttl: STATE_TTL_MS }); export function of(c: Client) { let v = state.get(c); if (!v) { v = build(c); state.set(c, v); } return v; } declare function build(c: Client): object;" }] }],
  },
  {
    name: 'fresh review 4 near-miss: a string alias and an imported id type are open domains',
    code: "import type { SessionId } from './ids'; type Key = string; const a = new Map<Key, object>(); const b = new Map<SessionId, object>(); export function f(k: Key, s: SessionId) { let x = a.get(k); if (!x) { x = build(k); a.set(k, x); } let y = b.get(s); if (!y) { y = build(s); b.set(s, y); } return [x, y]; } declare function build(k: string): object;",
    errors: [{ messageId: 'unboundedCache', line: 1, data: { name: 'a', key: 'k', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: "const A_MAX = 10_000;\nconst A_TTL_MS = 10 * 60_000;\nimport type { SessionId } from './ids';\nimport { TtlMap } from 'bounded'; type Key = string; const a = new TtlMap<Key, object>({ max: A_MAX, ttl: A_TTL_MS }); const b = new Map<SessionId, object>(); export function f(k: Key, s: SessionId) { let x = a.get(k); if (!x) { x = build(k); a.set(k, x); } let y = b.get(s); if (!y) { y = build(s); b.set(s, y); } return [x, y]; } declare function build(k: string): object;" }] }, { messageId: 'unboundedCache', line: 1, data: { name: 'b', key: 's', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: "const B_MAX = 10_000;\nconst B_TTL_MS = 10 * 60_000;\nimport type { SessionId } from './ids';\nimport { TtlMap } from 'bounded'; type Key = string; const a = new Map<Key, object>(); const b = new TtlMap<SessionId, object>({ max: B_MAX, ttl: B_TTL_MS }); export function f(k: Key, s: SessionId) { let x = a.get(k); if (!x) { x = build(k); a.set(k, x); } let y = b.get(s); if (!y) { y = build(s); b.set(s, y); } return [x, y]; } declare function build(k: string): object;" }] }],
  },

  {
    // langchain redis: a module-wide pool keyed by the config object; a fresh config literal per caller
    // opens and keeps another client for ever (a method parameter key is never resolved as finite).
    code: 'class RedisConnectionPool { clients = new Map(); getClient(config: object = {}) { if (!this.clients.has(config)) this.clients.set(config, connect(config)); return this.clients.get(config); } } export const pool = new RedisConnectionPool(); declare function connect(c: object): object;',
    errors: [{ messageId: 'unboundedCache', line: 1, data: { name: 'clients', key: 'config', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\nconst CLIENTS_MAX = 10_000;\nconst CLIENTS_TTL_MS = 10 * 60_000;\nclass RedisConnectionPool { clients = new TtlMap<any, any>({ max: CLIENTS_MAX, ttl: CLIENTS_TTL_MS }); getClient(config: object = {}) { if (!this.clients.has(config)) this.clients.set(config, connect(config)); return this.clients.get(config); } } export const pool = new RedisConnectionPool(); declare function connect(c: object): object;" }] }],
  },
  {
    // vercel/ai realtime reducer: one entry per tool call id for the life of the session.
    code: 'export class RealtimeEventReducer { private toolCallIdToMessageId = new Map<string, string>(); reduce(event: { callId: string; itemId: string }) { if (this.toolCallIdToMessageId.get(event.callId)) return; this.toolCallIdToMessageId.set(event.callId, event.itemId); } }',
    errors: [{ messageId: 'unboundedCache', line: 1, data: { name: 'toolCallIdToMessageId', key: 'event.callId', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\nconst TOOL_CALL_ID_TO_MESSAGE_ID_MAX = 10_000;\nconst TOOL_CALL_ID_TO_MESSAGE_ID_TTL_MS = 10 * 60_000;\nexport class RealtimeEventReducer { private toolCallIdToMessageId = new TtlMap<string, string>({ max: TOOL_CALL_ID_TO_MESSAGE_ID_MAX, ttl: TOOL_CALL_ID_TO_MESSAGE_ID_TTL_MS }); reduce(event: { callId: string; itemId: string }) { if (this.toolCallIdToMessageId.get(event.callId)) return; this.toolCallIdToMessageId.set(event.callId, event.itemId); } }" }] }],
  },
  {
    code: `const embeddings = new Map<string, number[]>();
export async function embed(text: string): Promise<number[]> {
  const cached = embeddings.get(text);
  if (cached) return cached;
  const vector = await compute(text);
  embeddings.set(text, vector);
  return vector;
}
declare function compute(t: string): Promise<number[]>;
`,
    errors: [
      {
        messageId: 'unboundedCache',
        line: 1,
        data: { name: 'embeddings', key: 'text', line: 6 },
        suggestions: [
          {
            messageId: 'suggestBounded',
            output: `import { TtlMap } from 'bounded';
const EMBEDDINGS_MAX = 10_000;
const EMBEDDINGS_TTL_MS = 10 * 60_000;
const embeddings = new TtlMap<string, number[]>({ max: EMBEDDINGS_MAX, ttl: EMBEDDINGS_TTL_MS });
export async function embed(text: string): Promise<number[]> {
  const cached = embeddings.get(text);
  if (cached) return cached;
  const vector = await compute(text);
  embeddings.set(text, vector);
  return vector;
}
declare function compute(t: string): Promise<number[]>;
`,
          },
        ],
      },
    ],
  },
  {
    // A class-level cache keyed by a member expression; the message names the key expression.
    code: `export class Users {
  #byId: Map<string, User> = new Map();
  async get(req: { userId: string }) {
    if (this.#byId.has(req.userId)) return this.#byId.get(req.userId)!;
    const user = await load(req.userId);
    this.#byId.set(req.userId, user);
    return user;
  }
}
interface User { id: string }
declare function load(id: string): Promise<User>;
`,
    errors: [
      {
        messageId: 'unboundedCache',
        line: 2,
        data: { name: '#byId', key: 'req.userId', line: 6 },
        suggestions: [
          {
            messageId: 'suggestBounded',
            output: `import { TtlMap } from 'bounded';
const BY_ID_MAX = 10_000;
const BY_ID_TTL_MS = 10 * 60_000;
export class Users {
  #byId: Map<string, User> = new TtlMap<string, User>({ max: BY_ID_MAX, ttl: BY_ID_TTL_MS });
  async get(req: { userId: string }) {
    if (this.#byId.has(req.userId)) return this.#byId.get(req.userId)!;
    const user = await load(req.userId);
    this.#byId.set(req.userId, user);
    return user;
  }
}
interface User { id: string }
declare function load(id: string): Promise<User>;
`,
          },
        ],
      },
    ],
  },
  {
    // A record used as a memo; the assignment used as a value cannot become a statement-level set().
    code: `const memo: Record<string, string> = {};
export function slug(s: string) {
  if (s in memo) return memo[s]!;
  return (memo[s] = s.toLowerCase());
}
`,
    errors: [{ messageId: 'unboundedCache', line: 1, data: { name: 'memo', key: 's', line: 4 }, suggestions: [] }],
  },
  {
    // A record memo with statement-level writes is rewritten to TtlMap get/set/has.
    code: `const memo: Record<string, number> = {};
export function len(s: string): number {
  if (s in memo) return memo[s]!;
  const n = s.length;
  memo[s] = n;
  return n;
}
`,
    errors: [
      {
        messageId: 'unboundedCache',
        line: 1,
        suggestions: [
          {
            messageId: 'suggestBounded',
            output: `import { TtlMap } from 'bounded';
const MEMO_MAX = 10_000;
const MEMO_TTL_MS = 10 * 60_000;
const memo: TtlMap<string, number> = new TtlMap<string, number>({ max: MEMO_MAX, ttl: MEMO_TTL_MS });
export function len(s: string): number {
  if (memo.has(s)) return memo.get(s)!;
  const n = s.length;
  memo.set(s, n);
  return n;
}
`,
          },
        ],
      },
    ],
  },
  {
    // Trap: the eviction deletes another key than the insert used (String(id) vs id).
    code: `const memo = new Map<string, object>();
export function get(id: number) {
  if (!memo.has(String(id))) memo.set(String(id), build(id));
  return memo.get(String(id));
}
export function forget(id: number) {
  memo.delete(id as unknown as string);
}
declare function build(id: number): object;
`,
    errors: [{ messageId: 'keyMismatch', line: 1, suggestions: [{ messageId: 'suggestBounded', output: `import { TtlMap } from 'bounded';
const MEMO_MAX = 10_000;
const MEMO_TTL_MS = 10 * 60_000;
const memo = new TtlMap<string, object>({ max: MEMO_MAX, ttl: MEMO_TTL_MS });
export function get(id: number) {
  if (!memo.has(String(id))) memo.set(String(id), build(id));
  return memo.get(String(id));
}
export function forget(id: number) {
  memo.delete(id as unknown as string);
}
declare function build(id: number): object;
` }] }],
  },
  {
    // A static cache reached through the class name.
    code: `export class Templates {
  static compiled = new Map<string, () => string>();
  static get(source: string): () => string {
    let fn = Templates.compiled.get(source);
    if (!fn) {
      fn = () => source;
      Templates.compiled.set(source, fn);
    }
    return fn;
  }
}
`,
    errors: [{ messageId: 'unboundedCache', line: 2, data: { name: 'static compiled', key: 'source', line: 7 }, suggestions: [{ messageId: 'suggestBounded', output: `import { TtlMap } from 'bounded';
const COMPILED_MAX = 10_000;
const COMPILED_TTL_MS = 10 * 60_000;
export class Templates {
  static compiled = new TtlMap<string, () => string>({ max: COMPILED_MAX, ttl: COMPILED_TTL_MS });
  static get(source: string): () => string {
    let fn = Templates.compiled.get(source);
    if (!fn) {
      fn = () => source;
      Templates.compiled.set(source, fn);
    }
    return fn;
  }
}
` }] }],
  },
  {
    // Trap: the eviction only runs when the entry's status is not 'pending'.
    code: `const results = new Map<string, { status: string }>();
export function lookup(id: string) {
  const hit = results.get(id);
  if (hit) return hit;
  const value = { status: 'pending' };
  results.set(id, value);
  return value;
}
export function settle(id: string, status: string) {
  if (status !== 'pending') {
    results.delete(id);
  }
}
`,
    errors: [{ messageId: 'conditionalCleanup', line: 1, data: { name: 'results', key: 'id', line: 6, cleanupLine: 11, detail: "status !== 'pending'" }, suggestions: [{ messageId: 'suggestBounded', output: `import { TtlMap } from 'bounded';
const RESULTS_MAX = 10_000;
const RESULTS_TTL_MS = 10 * 60_000;
const results = new TtlMap<string, { status: string }>({ max: RESULTS_MAX, ttl: RESULTS_TTL_MS });
export function lookup(id: string) {
  const hit = results.get(id);
  if (hit) return hit;
  const value = { status: 'pending' };
  results.set(id, value);
  return value;
}
export function settle(id: string, status: string) {
  if (status !== 'pending') {
    results.delete(id);
  }
}
` }] }],
  },
];

/** Idempotence: linting the output of every suggestion reports nothing. */
const rewritten: ValidTestCase<Options>[] = invalid.flatMap((test) =>
  (test.errors.length === 1 ? test.errors : []).flatMap((error) => (error.suggestions ?? []).map((s) => ({ code: s.output }))),
);

ruleTester.run('no-unbounded-cache', rule, { valid: [...valid, ...rewritten], invalid });
