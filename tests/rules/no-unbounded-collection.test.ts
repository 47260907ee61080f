import { readFileSync } from 'node:fs';

import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';

import rule, { type MessageIds, type Options } from '../../rules/src/rules/no-unbounded-collection.js';

const ruleTester = new RuleTester();

const fixture = (name: string): string => readFileSync(new URL(`fixtures/collections/${name}`, import.meta.url), 'utf8');

// livekit agents-js silero VAD (a real leak, session 4): its invalid case expects this text with the two
// lines of the field and its constructor assignment rewritten to a RingBuffer.
const SILERO_VAD = `export class VAD {
  #streams: VADStream[];
  constructor() {
    this.#streams = [];
  }
  updateOptions(opts: object): void {
    for (const stream of this.#streams) stream.updateOptions(opts);
  }
  stream(): VADStream {
    const stream = new VADStream();
    this.#streams.push(stream);
    return stream;
  }
}
declare class VADStream { updateOptions(opts: object): void }
`;

const valid: (string | ValidTestCase<Options>)[] = [
  {
    name: 'fresh review 4 (cline): a line handler that stops at a counted limit before it pushes',
    code: `import * as readline from 'node:readline';
export function search(input: NodeJS.ReadableStream, limit: number): Promise<string[]> {
  return new Promise((resolve) => {
    const results: string[] = [];
    let count = 0;
    const rl = readline.createInterface({ input });
    rl.on('line', (line) => {
      if (count >= limit) {
        rl.close();
        return;
      }
      results.push(line);
      count++;
    });
    rl.on('close', () => resolve(results));
  });
}
`,
  },
  {
    name: 'agents-js, E2B, langgraph: a *Handle (or *HandleImpl) is the handle of one running operation',
    code: `export class SpeechHandle {
  private chatItems: string[] = [];
  addItem(item: string): void {
    this.chatItems.push(item);
  }
}
export class MediaHandleImpl {
  #transcriptParts: string[] = [];
  append(part: string): void {
    this.#transcriptParts.push(part);
  }
}
`,
  },
  {
    name: 'fresh review 4 (node-redis, bullmq): a transaction or command object queues for one exec()',
    code: `export class RedisMultiCommand {
  readonly queue: Array<{ args: string[] }> = [];
  addCommand(args: string[]): void {
    this.queue.push({ args });
  }
}
export class BunRedisTransaction {
  private transformers: Array<(v: unknown) => unknown> = [];
  get(key: string): this {
    this.transformers.push((v) => v ?? key);
    return this;
  }
}
`,
  },
    // Shrunk somewhere in the file: shift, pop, splice(i, n), length = 0, clear, delete, reset.
    'class Q { private items: number[] = []; add(x: number) { this.items.push(x); } take() { return this.items.shift(); } }',
    'class Q { private items: number[] = []; add(x: number) { this.items.push(x); } undo() { this.items.pop(); } }',
    'class Q { private items: number[] = []; add(x: number) { this.items.push(x); } drop(n: number) { this.items.splice(0, n); } }',
    'class Q { private items: number[] = []; add(x: number) { this.items.push(x); } reset() { this.items.length = 0; } }',
    'class Q { private items: number[] = []; add(x: number) { this.items.push(x); } reset() { this.items = []; } }',
    'class Q { private items: number[] = []; add(x: number) { this.items.push(x); } trim() { this.items = this.items.slice(-100); } }',
    'class Q { private items: number[] = []; add(x: number) { this.items.push(x); } keep() { this.items = this.items.filter((x) => x > 0); } }',
    'class S { #byId = new Map<string, number>(); put(k: string) { this.#byId.set(k, 1); } drop(k: string) { this.#byId.delete(k); } }',
    'class S { static seen = new Set<string>(); static mark(k: string) { S.seen.add(k); } static reset() { S.seen.clear(); } }',
    'class S { byKey: Record<string, number> = {}; put(k: string) { this.byKey[k] = 1; } drop(k: string) { delete this.byKey[k]; } }',
    'const sessions = new Map<string, object>(); export function open(id: string) { sessions.set(id, {}); } export function close(id: string) { sessions.delete(id); }',
    // Size guard around the growth, and a ring index.
    'class Q { private items: number[] = []; add(x: number) { if (this.items.length < 100) this.items.push(x); } }',
    'class C { private m = new Map<string, number>(); put(k: string) { while (this.m.size >= 100) this.evict(); this.m.set(k, 1); } evict() {} }',
    'class R { private buf: number[] = []; private i = 0; add(x: number) { this.buf[this.i++ % 64] = x; } }',
    // Weak and already-bounded structures are never reported.
    'class W { private meta = new WeakMap<object, number>(); tag(o: object) { this.meta.set(o, 1); } }',
    'class W { private seen = new WeakSet<object>(); tag(o: object) { this.seen.add(o); } }',
    "import { RingBuffer } from 'bounded'; class E { private events = new RingBuffer<number>(100); add(x: number) { this.events.push(x); } }",
    "import { LRUCache } from 'lru-cache'; class C { private cache = new LRUCache<string, number>({ max: 10 }); put(k: string) { this.cache.set(k, 1); } }",
    // Growth that runs a bounded number of times: module top level, constructor, setup methods.
    'const plugins: string[] = []; plugins.push("a"); plugins.push("b");',
    'class P { private pool: number[] = []; constructor() { for (let i = 0; i < 10; i++) this.pool.push(i); } }',
    'class Router { private routes: string[] = []; register(path: string) { this.routes.push(path); } }',
    // Keys from a finite domain: one entry per event type.
    'class Stats { private counts = new Map<string, number>(); add(e: { type: string }) { this.counts.set(e.type, (this.counts.get(e.type) ?? 0) + 1); } }',
    // Never grows: only reads.
    'class Q { private items: number[] = []; all() { return this.items; } }',
    // Passed to a consumer that may drain it.
    'class Q { private queue: number[] = []; add(x: number) { this.queue.push(x); drain(this.queue); } } declare function drain(q: number[]): void;',
    // Aliases bound it too.
    'class Q { private queue: number[] = []; add(x: number) { this.queue.push(x); } take() { const q = this.queue; return q.shift(); } }',
  // Seed 003's bounded rewrites (ring buffer, TTL map, pool, size-capped cache) and seed 000's capped buffer.
  fixture('seed-003-bounded.ts'),
  // A memo cache is no-unbounded-cache's finding, never reported twice.
  'const memo = new Map<string, number>(); export function f(k: string) { const hit = memo.get(k); if (hit !== undefined) return hit; const v = k.length; memo.set(k, v); return v; }',
  // Nested growth is bounded when the outer entries are deleted.
  'class G { private byId = new Map<string, string[]>(); add(k: string, v: string) { if (!this.byId.has(k)) this.byId.set(k, []); this.byId.get(k)!.push(v); } drop(k: string) { this.byId.delete(k); } }',
  // A `const self = this` alias and `ClassName.field` are the same field.
  'class S { private q: number[] = []; add(x: number) { const self = this; self.q.push(x); } take() { return this.q.shift(); } }',
  // Removal on the success path AND elsewhere bounds it (only a status-excluded removal does not).
  "class W { #runs = new Map<string, object>(); start(id: string) { this.#runs.set(id, {}); } finish(id: string, status: string) { if (status !== 'suspended') this.#runs.delete(id); } expire(id: string) { this.#runs.delete(id); } }",
  // Locals: collecting a finite stream into one value is not a leak.
  'export async function read(s: AsyncIterable<Uint8Array>) { const chunks: Uint8Array[] = []; for await (const c of s) chunks.push(c); return chunks; }',
  "export function body(req: NodeJS.ReadableStream) { return new Promise((resolve) => { const parts: Buffer[] = []; req.on('data', (d: Buffer) => parts.push(d)); req.on('end', () => resolve(Buffer.concat(parts))); }); }",
  'export async function all(r: { read(): Promise<{ done: boolean; value?: number }> }) { const out: number[] = []; while (true) { const { done, value } = await r.read(); if (done) break; out.push(value!); } return out; }',
  // A local grown in a plain bounded loop.
  'export function squares(n: number) { const out: number[] = []; for (let i = 0; i < n; i++) out.push(i * i); return out; }',
  {
    code: "export function watch(e: { on(ev: string, f: (m: string) => void): void }) { const seen: string[] = []; e.on('message', (m) => { seen.push(m); }); }",
    options: [{ checkLocals: false }],
  },
  // Options: ignore, shrinkMethods.
  { code: 'class A { private log: string[] = []; add(s: string) { this.log.push(s); } }', options: [{ ignore: ['^log$'] }] },
  {
    code: 'class A { private items: number[] = []; add(x: number) { this.items.push(x); } flush() { (this.items as unknown as { truncate(): void }).truncate(); } }',
    options: [{ shrinkMethods: ['truncate'] }],
  },
  // Option teardownMethods: a registry of live resources released one by one in `unload()`.
  {
    code: `type Watch = { close(): void };
export class Watcher {
  private watches: Watch[] = [];
  add(w: Watch) { this.watches.push(w); }
  unload() { for (const w of this.watches) w.close(); }
}`,
    options: [{ teardownMethods: ['unload'] }],
  },
  // Growth in a forEach callback of the constructor runs once per instance.
  'class S { private byName: Record<string, number> = {}; constructor(names: string[]) { names.forEach((n, i) => { this.byName[n] = i; }); } }',
  // Test doubles record every call on purpose.
  'export class MockLanguageModel { doGenerateCalls: object[] = []; doGenerate(o: object) { this.doGenerateCalls.push(o); } }',
  // A public `_field` is package-internal: other modules of the package trim it (one-file view).
  'export class Client { public _enqueuedMessages: unknown[] = []; enqueue(m: unknown) { this._enqueuedMessages.push(m); } }',
  // Registries of things defined in code grow with the program, not with traffic.
  'export class Tracing { #processors: object[] = []; addProcessor(p: object) { this.#processors.push(p); } }',
  'export class Tools { private toolsByServer = new Map<string, string[]>(); load(server: { label: string }, tools: string[]) { this.toolsByServer.set(server.label, tools); } }',
  // One-shot files: scripts and tool configuration.
  { code: 'const seen = new Set<string>(); export function visit(p: string) { seen.add(p); }', filename: 'scripts/generate-readme.ts' },
  { code: 'const links: string[] = []; export function link(p: string) { links.push(p); }', filename: 'vite.config.ts' },
  // Per-operation objects by naming convention (one parse, one response).
  'export class CacheControlValidator { private warnings: string[] = []; check(n: number) { if (n > 4) this.warnings.push("too many"); } }',
  // Minified bundles are not reviewed code.
  `class Q{constructor(){this.a=[]}push(x){this.a.push(x)}}${';var x=1'.repeat(700)}`,
  // Test files live for one run: recording mocks are their point.
  { code: 'class Mock { sent: string[] = []; send(m: string) { this.sent.push(m); } }', filename: 'transport.test.ts' },
  { code: 'class Mock { sent: string[] = []; send(m: string) { this.sent.push(m); } }', filename: 'src/__tests__/transport.ts' },
  // A for await loop that keeps items without forwarding them reads a finite stream (tool calls of one run).
  'export async function run(s: AsyncIterable<{ type: string }>) { const calls: object[] = []; for await (const part of s) { if (part.type === "tool-call") calls.push(part); process.stdout.write(part.type); } return calls; }',
  // Without growthMethods, an unknown method is not growth.
  'class A { private items: number[] = []; add(x: number) { (this.items as unknown as { append(x: number): void }).append(x); } }',
  // Precision run (docs/rules/precision-collections.md): any `tests/` or `*-tests/` folder is test code
  // (cloudflare/agents `src/tests/agents/*.ts`, `runtime-tests/worker.ts`).
  { code: 'export class EmailAgent { emailsReceived: string[] = []; onEmail(m: string) { this.emailsReceived.push(m); } }', filename: 'packages/agents/src/tests/agents/email.ts' },
  { code: 'export class Host { created: string[] = []; create(id: string) { this.created.push(id); } }', filename: 'packages/codemode/src/runtime-tests/worker.ts' },
  // Held-out review: a `*-tests/` folder whose name has hyphens (vscode-languageserver-node
  // `client-node-tests/src/servers/*.ts`), and a test runner's setup file outside the test folders (vite
  // `playground/vitestSetup.ts`).
  { code: 'export class Server { received: string[] = []; on(m: string) { this.received.push(m); } }', filename: 'client-node-tests/src/servers/textSyncServer.ts' },
  { code: 'export const browserLogs: string[] = []; export function onConsole(m: string) { browserLogs.push(m); }', filename: 'playground/vitestSetup.ts' },
  // Fresh review (session 4): registries of behaviour. A chained method that takes a handler or factory
  // (voltagent WebSocketRouter.route, livekit TaskGroup.add) and a collection declared to hold functions
  // (livekit JobContext.shutdownCallbacks) grow with the program's set-up, not with traffic.
  `type WebSocketConnectionHandler = (socket: unknown) => void;
export class WebSocketRouter {
  private routes = new Map<string | RegExp, WebSocketConnectionHandler>();
  route(path: string | RegExp, handler: WebSocketConnectionHandler): this {
    this.routes.set(path, handler);
    return this;
  }
}`,
  'export class TaskGroup { private factories = new Map<string, object>(); add(task: () => object, info: { id: string }): this { this.factories.set(info.id, { task }); return this; } }',
  'export class JobContext { shutdownCallbacks: (() => Promise<void>)[] = []; addShutdownCallback(callback: () => Promise<void>) { this.shutdownCallbacks.push(callback); } }',
  'export class Hooks { private onClose = new Set<() => void>(); register(f: () => void) { this.onClose.add(f); } }',
  // Fresh review (session 4), modelcontextprotocol inspector OAuthMemoryStore: an immutable update removes
  // entries by copying, deleting from the copy and assigning it back.
  `export class OAuthMemoryStore {
  private servers: Record<string, { token?: string }> = {};
  set(url: string, token: string) { this.servers = { ...this.servers, [url]: { token } }; }
  clear(url: string) {
    const rest = { ...this.servers };
    delete rest[url];
    this.servers = rest;
  }
}`,
  'export class Queue { private items: string[] = []; add(s: string) { this.items = [...this.items, s]; } drop() { const next = [...this.items]; next.shift(); this.items = next; } }',
  // Fresh review (session 4), livekit agents-js hyphenator: an alias of an entry that is reassigned to a fresh
  // array (and never stored back) fills that array, not the record.
  `export class Hyphenator {
  private exceptions: { [word: string]: number[] } = {};
  points(word: string): number[] {
    let points = this.exceptions[word.toLowerCase()];
    if (!points) {
      points = new Array(word.length + 1).fill(0);
      for (let i = 0; i < word.length; i++) points[i] = Math.max(points[i]!, i % 3);
    }
    return points;
  }
}`,
  // Session 4: a fixture under a tests/ folder is test input (langgraphjs `src/tests/fixtures/stategraph-text.ts`),
  // and a `playground/` tree holds manual and end-to-end test apps (vite `playground/optimize-deps/*`,
  // colyseus `packages/playground/`): both are test code.
  { code: 'declare function createModel(): object; const modelMap = new Map<string, object>(); export const getModel = (threadId: string) => { if (!modelMap.has(threadId)) modelMap.set(threadId, createModel()); return modelMap.get(threadId)!; };', filename: 'libs/sdk-react/src/tests/fixtures/stategraph-text.ts' },
  { code: 'export const seen: string[] = []; export function record(id: string) { seen.push(id); }', filename: 'playground/optimize-deps/dep-non-optimized/index.js' },
  // Fresh review (session 4): a class that is itself an async iterable is one stream (anthropic-sdk MessageStream).
  `export class MessageStream implements AsyncIterable<string> {
  messages: string[] = [];
  receive(m: string) { this.messages.push(m); }
  async *[Symbol.asyncIterator]() { yield* this.messages; }
}`,
  // Second fresh review (session 4), inngest-js: a request body collected until the stream ends, a log-once
  // dedup set, and a mock server used by tests.
  `import type { IncomingMessage } from 'node:http';
export function drainBody(req: IncomingMessage, done: () => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => done());
}`,
  "const loggedKeys = new Set<string>(); export function logOnce(logger: Record<string, (m: string) => void>, level: string, key: string, message: string) { if (loggedKeys.has(key)) return; loggedKeys.add(key); logger[level]!(message); }",
  { code: 'export class Gateway { private frames: string[] = []; onFrame(f: string) { this.frames.push(f); } }', filename: 'packages/inngest/src/components/connect/strategies/core/mock-gateway.ts' },
  // Fresh review (session 4): a collection named as a test double is stand-in data (voltagent example tools' mockCalendar).
  'const mockCalendar = [{ id: "1", title: "Team meeting" }]; export function addEvent(e: { id: string; title: string }) { mockCalendar.push(e); return e; }',
  'export class Store { private fakeUsers = new Map<string, object>(); add(id: string) { this.fakeUsers.set(id, {}); } }',
  // Fresh review (session 4): vendored code is another project's (voltagent `server-hono/src/vendor/zod-to-openapi/`),
  // even with checkTestFiles.
  { code: 'export class Generator { private pathRefs: Record<string, object> = {}; add(path: string) { this.pathRefs[path] = {}; } }', filename: 'packages/server-hono/src/vendor/zod-to-openapi/v3/index.mjs' },
  { code: 'const seen = new Set<string>(); export function mark(id: string) { seen.add(id); }', filename: 'third_party/lib/seen.ts', options: [{ checkTestFiles: true }] },
  // Fresh review 6: build output is regenerated from the sources (pusher-js commits its webpack bundles
  // under dist/; socket.io its client-dist/), and type tests are read only by the type checker (kafkajs
  // `types/tests.ts`, tsd's `*.test-d.ts`).
  { code: 'export class Pusher { channels = []; subscribe(c) { this.channels.push(c); } }', filename: 'dist/web/pusher.js' },
  { code: 'const seen = new Set(); export function mark(id) { seen.add(id); }', filename: 'packages/socket.io/client-dist/socket.io.js' },
  { code: 'const seen = new Set(); export function mark(id) { seen.add(id); }', filename: 'public/js/app.min.js' },
  { code: 'const sent: string[] = []; export function send(m: string) { sent.push(m); }', filename: 'types/tests.ts' },
  { code: 'const sent: string[] = []; export function send(m: string) { sent.push(m); }', filename: 'index.test-d.ts' },
  { code: 'const sent: string[] = []; export function send(m: string) { sent.push(m); }', filename: 'types/kafkajs-tests.ts' },
  // Fresh review (session 4): a `test-*/` folder (modelcontextprotocol inspector `test-servers/src/*.ts`).
  { code: 'export class TaskStore { private tasks = new Map<string, object>(); create(id: string) { this.tasks.set(id, {}); } }', filename: 'test-servers/src/composable-test-server.ts' },
  { code: 'const colors: Record<string, string> = {}; export function colorOf(roomId: string) { if (!colors[roomId]) colors[roomId] = "#fff"; return colors[roomId]; }', filename: 'packages/playground/src/utils/Types.ts' },
  // Fresh review 3: a destructured alias of a field is the field (MQTT.js `const { queue } = this` before a
  // `queue.shift()` drain loop), as `const q = this.queue` is; `{ queue: q }`, `let` and a `self` alias too.
  {
    name: 'fresh review 3 (MQTT.js): a field drained through `const { queue } = this`',
    code: `type Packet = { cmd: string };
export class MqttClient {
  public queue: { packet: Packet; cb: () => void }[];
  constructor(private stream: { on(e: string, f: () => void): void; write(p: Packet): void }) {
    this.queue = [];
    this.stream.on('connect', () => {
      const { queue } = this;
      const deliver = () => {
        const entry = queue.shift();
        if (!entry) return;
        this.stream.write(entry.packet);
        deliver();
      };
      deliver();
    });
  }
  publish(packet: Packet, cb: () => void) {
    this.queue.push({ packet, cb });
  }
}`,
  },
  {
    name: 'fresh review 3 (MQTT.js): a renamed destructured alias (`const { queue: q } = this`)',
    code: 'export class C { private queue: number[] = []; add(x: number) { this.queue.push(x); } flush() { const { queue: q } = this; while (q.length > 0) q.shift(); } }',
  },
  {
    name: 'fresh review 3 (MQTT.js): a `let` destructured alias through a `self` alias',
    code: 'export class C { private queue: number[] = []; add(x: number) { this.queue.push(x); } flush() { const self = this; let { queue } = self; queue.length = 0; } }',
  },
  // Fresh review 3: a loop whose every turn awaits a person is human-paced (LlamaIndexTS
  // `examples/deprecated/gptllama.ts`: a CLI chat's history grows once per line typed).
  {
    name: 'fresh review 3 (LlamaIndexTS): a chat history grown in a loop that awaits rl.question every turn',
    code: `import readline from 'node:readline/promises';
declare const llm: { chat(o: { messages: object[] }): Promise<{ content: string }> };
export async function chat() {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const start = await rl.question('Start: ');
  const history: { role: string; content: string }[] = [{ role: 'user', content: start }];
  while (true) {
    const r = await llm.chat({ messages: history.map(({ content, role }) => ({ content, role })) });
    history.push({ role: 'assistant', content: r.content });
    await rl.question('GPT: ' + r.content);
  }
}`,
  },
  {
    name: 'fresh review 3 (LlamaIndexTS): the prompt answer pushed directly, `for (;;)` and `prompt`',
    code: `declare function prompt(q: string): Promise<string>;
export async function repl() {
  const lines: string[] = [];
  for (;;) {
    lines.push((await prompt('> ')).trim());
  }
}`,
  },
  // Fresh review 3: test doubles and test harnesses by path: a `fakes/` folder (ably-js fake clients) and
  // a file named `test_*` / `test-*` (nats.js `nst/src/test_server.ts`).
  {
    name: 'fresh review 3 (ably-js): a fake client under fakes/',
    code: 'export class ChannelStore { private channels: object[] = []; attach(channel: object) { this.channels.push(channel); } }',
    filename: 'src/platform/react-hooks/src/fakes/ably.ts',
  },
  {
    name: 'fresh review 3 (nats.js): a test server harness named test_server.ts',
    code: 'export class NatsServer { private clients: object[] = []; accept(c: object) { this.clients.push(c); } }',
    filename: 'nst/src/test_server.ts',
  },
  {
    name: 'fresh review 4 (cline): the field is rebuilt from a map the same method made empty',
    code: `export class FeatureFlags {
  private cache = new Map<string, boolean>();
  rebuild(keys: string[]): void {
    const next = new Map<string, boolean>();
    for (const key of keys) next.set(key, true);
    this.cache = next;
  }
  remember(key: string): void {
    this.cache.set(key, true);
  }
}
`,
  },
  { name: 'fresh review 3: a harness named test-*.ts', code: 'export const sent: string[] = []; export function send(m: string) { sent.push(m); }', filename: 'src/test-transport.ts' },
  // Entry scripts: no export, run to completion from the top level, start no server. Their module
  // collections live for one run (an example client printing what it received, a CLI chat loop).
  "import { client } from './client'; const stages: string[] = []; client.setNotificationHandler('progress', (p: { stage: string }) => { stages.push(p.stage); }); await client.request('search'); console.log(stages);",
  "import { run, ask } from './lib'; const messages: string[] = []; run(async () => { while (true) { messages.push(await ask()); } });",
  "const errors: string[] = []; function check(f: string) { if (!f) errors.push('empty'); } ['a', ''].forEach((f) => check(f)); if (errors.length > 0) process.exit(1);",
  // Keys resolved one step: every call of the warn-once helper passes a literal id; a const message.
  "const warned = new Set<string>(); function warnOnce(id: string, message: string) { if (!warned.has(id)) { warned.add(id); console.warn(message); } } export function a() { warnOnce('a-body', 'use b'); } export function c() { warnOnce('c-body', 'use d'); }",
  "export class Think { private warned = new Set<string>(); check() { const warning = 'getSystemPrompt() is a fallback'; if (!this.warned.has(warning)) { this.warned.add(warning); console.warn(warning); } } }",
  // Keys naming a configured server (an OAuth issuer, an origin): one entry per server the program talks to.
  'export class OAuthProvider { private creds = new Map<string, object>(); save(info: object, ctx: { issuer: string }) { this.creds.set(ctx.issuer, info); } }',
  // A warn-once dedup of log lines: the log grows as fast as the set (think.ts `_loggedSkillWarnings`).
  'export class Think { private logged = new Set<string>(); report(warnings: string[]) { for (const w of warnings) { if (this.logged.has(w)) continue; this.logged.add(w); console.warn(w); } } }',
  // Warn-once dedups written as a function named after the warning it gates (vite `shouldSkipWarning`),
  // and next to `process.emitWarning(...)` (discord.js RATE_LIMITED handler).
  "const warnedMessages = new Set<string>(); export function shouldSkipWarning(w: { code: string; message: string }): boolean { if (w.code === 'UNSUPPORTED') { if (warnedMessages.has(w.message)) return true; warnedMessages.add(w.message); } return false; }",
  "const emittedFor = new Set<number>(); export function onRateLimit(data: { opcode: number }) { if (!emittedFor.has(data.opcode)) { process.emitWarning(`rate limit on ${data.opcode}`); emittedFor.add(data.opcode); } }",
  // A deduplicated array (push only when it does not include the value) of values from a finite domain:
  // langgraph's `trackStreamMode(...modes)`, at most one entry per stream mode.
  'type StreamMode = "values" | "updates"; export class Orchestrator { readonly #trackedStreamModes: StreamMode[] = []; trackStreamMode(...modes: StreamMode[]): void { for (const mode of modes) { if (!this.#trackedStreamModes.includes(mode)) { this.#trackedStreamModes.push(mode); } } } }',
  'export class Kinds { private kinds: string[] = []; note(e: { kind: string }) { if (this.kinds.indexOf(e.kind) === -1) this.kinds.push(e.kind); } }',
  // A fluent `with*` configurator ending in `return this` is chained at set-up.
  'export class SessionManager { private pending: string[] = []; withContext(label: string): this { this.pending.push(label); return this; } }',
  // One entry per class: keyed by `this.constructor`.
  "const wrapped = new WeakSet<object>(); const seen = new Set<Function>(); export class Agent { start() { if (!seen.has(this.constructor)) { seen.add(this.constructor); wrapped.add(this); } } }",
  // A camel-case configured-server key (`serverOrigin`).
  'const states = new Map<string, object>(); export class Provider { constructor(private serverOrigin: string) {} state() { if (!states.has(this.serverOrigin)) states.set(this.serverOrigin, {}); return states.get(this.serverOrigin); } }',
  // The observer of one stream (it has an `onDone` completion callback): a relay of one chat request.
  'export class StreamRelay { #chunks: string[] = []; onEvent(json: string) { this.#chunks.push(json); } onDone() { console.log(this.#chunks.length); } }',
  // The result object of one call (`*Result`) holds that call's steps.
  'export class StreamTextResult { private readonly steps: object[] = []; onStep(step: object) { this.steps.push(step); } }',
  // Fresh review 8 (crawlee): a private method only the constructor calls fills the set once per instance.
  `export class HttpCrawler {
  readonly #supportedMimeTypes = new Set<string>(['text/html']);
  constructor(options: { additionalMimeTypes?: string[] }) {
    if (options.additionalMimeTypes?.length) this.extendSupportedMimeTypes(options.additionalMimeTypes);
  }
  private extendSupportedMimeTypes(additionalMimeTypes: string[]): void {
    for (const mimeType of additionalMimeTypes) this.#supportedMimeTypes.add(mimeType);
  }
  accepts(contentType: string): boolean {
    return this.#supportedMimeTypes.has(contentType);
  }
}
`,
  // Fresh review 8 (restate): a context-local store keyed by symbols, which code defines.
  `export class Scheduler {
  private readonly localStore = new Map<symbol, unknown>();
  getLocal(key: symbol, fallback: unknown): unknown {
    return this.localStore.has(key) ? this.localStore.get(key) : fallback;
  }
  setLocal(key: symbol, value: unknown): void {
    this.localStore.set(key, value);
  }
}
`,
  // Fresh review 8 (botbuilder-js): a removal through a destructured alias with a default.
  `export class BotConfiguration {
  public services: { id: string }[] = [];
  connectService(service: { id: string }): void {
    this.services.push(service);
  }
  disconnectService(id: string): void {
    const { services = [] } = this;
    const i = services.findIndex((s) => s.id === id);
    if (i >= 0) services.splice(i, 1);
  }
}
`,
  // Fresh review 8 (gemini-cli): the filter is taken through a const local, then spread back into the field.
  `export class HookRegistry {
  private entries: { source: string; name: string }[] = [];
  record(name: string): void {
    this.entries.push({ source: 'runtime', name });
  }
  initialize(): void {
    const runtimeHooks = this.entries.filter((entry) => entry.source === 'runtime');
    this.entries = [...runtimeHooks];
  }
}
`,
  // Fresh review 8 (crawlee): a companion of a registry, keyed like it in the same registering method.
  `export class Dispatcher {
  readonly #handlers = new Map<string, (ctx: unknown) => void>();
  readonly #timeouts = new Map<string, number>();
  addHandler(topic: string, handler: (ctx: unknown) => void, options: { timeoutSecs?: number } = {}): void {
    this.#handlers.set(topic, handler);
    if (options.timeoutSecs !== undefined) this.#timeouts.set(topic, options.timeoutSecs);
  }
  timeoutFor(topic: string): number | undefined {
    return this.#timeouts.get(topic);
  }
}
`,
  // Fresh review 8 (botbuilder-js): a test helper a package ships for its users' tests (\`Test*\` class).
  'export class TestTelemetryClient { invocations: string[] = []; trackEvent(event: { name: string }) { this.invocations.push(event.name); } }',
  // Fresh review 8: test and benchmark paths (peerjs' \`__test__/\`, undici's \`benchmarks/\`, a \`*-testing/\` package, \`fakes.ts\`).
  { code: 'const sent: string[] = []; export function send(m: string) { sent.push(m); }', filename: '__test__/faker.ts' },
  { code: 'const samples: number[] = []; export function sample(ms: number) { samples.push(ms); }', filename: 'benchmarks/benchmark.js' },
  { code: 'const samples: number[] = []; export function sample(ms: number) { samples.push(ms); }', filename: 'src/parse.bench.ts' },
  { code: 'const calls: string[] = []; export function record(m: string) { calls.push(m); }', filename: 'libraries/botbuilder-dialogs-adaptive-testing/src/record.ts' },
  { code: 'const jobs = new Map<string, object>(); export function submit(id: string, job: object) { jobs.set(id, job); }', filename: 'examples/tutorial/src/fakes.ts' },
  { code: 'const log: string[] = []; export function record(call: string) { log.push(call); }', filename: 'fixtures/vitest-plugin-examples/rpc/src/index.ts' },
  // ...and fresh review 9: Jasmine/RSpec-style specs (faye) and a testcontainers harness (trigger.dev).
  ...[
    'packages/local-explorer-ui/src/__e2e__/setup.ts',
    'spec/javascript/server/subscribe_spec.js',
    'specs/server.ts',
    'internal-packages/testcontainers/src/webapp.ts',
    // ...and fresh review 10: continue's hand-test fixtures for its next-edit feature.
    'manual-testing-sandbox/next-edit/next-edit-9-5.ts',
  ].map((filename) => ({ code: 'const logs: string[] = []; export function capture(line: string) { logs.push(line); }', filename })),
];

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  {
    name: 'near-miss of the *Handle classes: a *Handler object serves many calls and is reported',
    code: `export class MessageHandler {
  private seen: string[] = [];
  handle(id: string): void {
    this.seen.push(id);
  }
}
`,
    errors: [
      {
        messageId: 'unbounded',
        line: 2,
        suggestions: [
          {
            messageId: 'suggestBounded',
            output: `import { RingBuffer } from 'bounded';
const SEEN_CAPACITY = 1000;
export class MessageHandler {
  private seen: RingBuffer<string> = new RingBuffer<string>(SEEN_CAPACITY);
  handle(id: string): void {
    this.seen.push(id);
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    name: 'fresh review 4 near-miss: the limit is tested but the counter is never incremented where it grows',
    code: `import * as readline from 'node:readline';
export function search(input: NodeJS.ReadableStream, limit: number, count: number): Promise<string[]> {
  return new Promise((resolve) => {
    const results: string[] = [];
    const rl = readline.createInterface({ input });
    rl.on('line', (line) => {
      if (count >= limit) return;
      results.push(line);
    });
    rl.on('close', () => resolve(results));
  });
}
`,
    errors: [{ messageId: 'unboundedLocal', line: 4, suggestions: [{ messageId: 'suggestBounded', output: `import * as readline from 'node:readline';
import { RingBuffer } from 'bounded';
const RESULTS_CAPACITY = 1000;
export function search(input: NodeJS.ReadableStream, limit: number, count: number): Promise<string[]> {
  return new Promise((resolve) => {
    const results: RingBuffer<string> = new RingBuffer<string>(RESULTS_CAPACITY);
    const rl = readline.createInterface({ input });
    rl.on('line', (line) => {
      if (count >= limit) return;
      results.push(line);
    });
    rl.on('close', () => resolve(results.toArray()));
  });
}
` }] }],
  },
  {
    // The same registry without the option: `unload()` is not a teardown name the rule knows.
    code: `type Watch = { close(): void };
export class Watcher {
  private watches: Watch[] = [];
  add(w: Watch) { this.watches.push(w); }
  unload() { for (const w of this.watches) w.close(); }
}`,
    errors: [{ messageId: 'unbounded', line: 3, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\ntype Watch = { close(): void };\nconst WATCHES_CAPACITY = 1000;\nexport class Watcher {\n  private watches: RingBuffer<Watch> = new RingBuffer<Watch>(WATCHES_CAPACITY);\n  add(w: Watch) { this.watches.push(w); }\n  unload() { for (const w of this.watches) w.close(); }\n}" }] }],
  },
  {
    // The same deduplicated array keyed by an open value (ids): one entry per distinct id, for ever.
    code: `export class Tracker {
  readonly #tracked: string[] = [];
  track(...ids: string[]): void {
    for (const id of ids) {
      if (!this.#tracked.includes(id)) this.#tracked.push(id);
    }
  }
}`,
    errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst TRACKED_CAPACITY = 1000;\nexport class Tracker {\n  readonly #tracked: RingBuffer<string> = new RingBuffer<string>(TRACKED_CAPACITY);\n  track(...ids: string[]): void {\n    for (const id of ids) {\n      if (!this.#tracked.includes(id)) this.#tracked.push(id);\n    }\n  }\n}" }] }],
  },
  {
    // The same has-guarded dedup in a function not named after a warning, with no log call: a dedup
    // set of every message ever seen.
    code: "const seenMessages = new Set<string>(); export function shouldSkip(w: { code: string; message: string }): boolean { if (seenMessages.has(w.message)) return true; seenMessages.add(w.message); return false; }",
    errors: [
      {
        messageId: 'unbounded',
        line: 1,
        suggestions: [
          {
            messageId: 'suggestBounded',
            output: "import { TtlSet } from 'bounded';\nconst SEEN_MESSAGES_MAX = 10_000;\nconst seenMessages = new TtlSet<string>({ max: SEEN_MESSAGES_MAX }); export function shouldSkip(w: { code: string; message: string }): boolean { if (seenMessages.has(w.message)) return true; seenMessages.add(w.message); return false; }",
          },
        ],
      },
    ],
  },
    {
      code: `class EventManager {
  private events: Event[] = [];
  addEvent(event: Event) {
    this.events.push(event);
  }
  getEvents() {
    return this.events;
  }
  first() {
    return this.events[0];
  }
}`,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          data: { name: 'events', how: 'push()', line: 4 },
          suggestions: [
            {
              messageId: 'suggestBounded',
              data: { description: 'Replace events with a RingBuffer of capacity EVENTS_CAPACITY' },
              output: `import { RingBuffer } from 'bounded';
const EVENTS_CAPACITY = 1000;
class EventManager {
  private events: RingBuffer<Event> = new RingBuffer<Event>(EVENTS_CAPACITY);
  addEvent(event: Event) {
    this.events.push(event);
  }
  getEvents() {
    return this.events.toArray();
  }
  first() {
    return this.events.at(0)!;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // Module-level Map, static #private Set, and an array whose use (sort) blocks the rewrite;
      // the import merges into the existing one and the file's double quotes / no semicolons are kept.
      code: `import { TtlSet } from "bounded"
import type { Session } from "./types"

const sessions = new Map<string, Session>()

export function open(id: string, s: Session) {
  sessions.set(id, s)
}

export class Tracker {
  static #seen = new Set<string>()
  log: string[] = []
  mark(id: string) {
    Tracker.#seen.add(id)
    this.log.push(id)
    this.log.sort()
  }
}
`,
      errors: [
        {
          messageId: 'unbounded',
          line: 4,
          data: { name: 'sessions', how: 'set()', line: 7 },
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { TtlSet, TtlMap } from "bounded"
import type { Session } from "./types"

const SESSIONS_MAX = 10_000
const sessions = new TtlMap<string, Session>({ max: SESSIONS_MAX })

export function open(id: string, s: Session) {
  sessions.set(id, s)
}

export class Tracker {
  static #seen = new Set<string>()
  log: string[] = []
  mark(id: string) {
    Tracker.#seen.add(id)
    this.log.push(id)
    this.log.sort()
  }
}
`,
            },
          ],
        },
        {
          messageId: 'unbounded',
          line: 11,
          data: { name: 'static #seen', how: 'add()', line: 14 },
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { TtlSet } from "bounded"
import type { Session } from "./types"

const sessions = new Map<string, Session>()

export function open(id: string, s: Session) {
  sessions.set(id, s)
}

const SEEN_MAX = 10_000
export class Tracker {
  static #seen = new TtlSet<string>({ max: SEEN_MAX })
  log: string[] = []
  mark(id: string) {
    Tracker.#seen.add(id)
    this.log.push(id)
    this.log.sort()
  }
}
`,
            },
          ],
        },
        { messageId: 'unbounded', line: 12, data: { name: 'log', how: 'push()', line: 15 }, suggestions: [] },
      ],
    },
    {
      // JavaScript: a field first assigned in the constructor; no type arguments in the rewrite.
      filename: 'file.js',
      code: `class Q {
  constructor() {
    this.items = [];
  }
  add(x) {
    this.items.push(x);
  }
  get(i) {
    return this.items[i];
  }
}
`,
      errors: [
        {
          messageId: 'unbounded',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { RingBuffer } from 'bounded';
const ITEMS_CAPACITY = 1000;
class Q {
  constructor() {
    this.items = new RingBuffer(ITEMS_CAPACITY);
  }
  add(x) {
    this.items.push(x);
  }
  get(i) {
    return this.items.at(i);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      // A record: keyed writes, `in`, reads and Object.keys all become TtlMap calls.
      code: `export class Index {
  private byName: Record<string, number[]> = {};
  add(name: string, id: number) {
    if (!(name in this.byName)) this.byName[name] = [];
    this.byName[name]!.push(id);
  }
  names() {
    return Object.keys(this.byName);
  }
}
`,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          data: { name: 'byName', how: '`this.byName[name] = []`', line: 4 },
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { TtlMap } from 'bounded';
const BY_NAME_MAX = 10_000;
export class Index {
  private byName: TtlMap<string, number[]> = new TtlMap<string, number[]>({ max: BY_NAME_MAX });
  add(name: string, id: number) {
    if (!(this.byName.has(name))) this.byName.set(name, []);
    this.byName.get(name)!.push(id);
  }
  names() {
    return [...this.byName.keys()];
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      // Spread reassignment grows like push; the rewrite turns it into push.
      code: `class A {
  items: number[] = [];
  add(x: number) {
    this.items = [...this.items, x];
  }
}
`,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { RingBuffer } from 'bounded';
const ITEMS_CAPACITY = 1000;
class A {
  items: RingBuffer<number> = new RingBuffer<number>(ITEMS_CAPACITY);
  add(x: number) {
    this.items.push(x);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      // concat reassignment, splice insertion and an appending index: growth, no safe rewrite.
      code: `class A {
  a: number[] = [];
  b: number[] = [];
  c: number[] = [];
  add(x: number[]) {
    this.a = this.a.concat(x);
    this.b.splice(0, 0, 1);
    this.c[this.c.length] = 2;
  }
}
`,
      errors: [
        { messageId: 'unbounded', line: 2, data: { name: 'a', how: '`this.a = this.a.concat(x)`', line: 6 }, suggestions: [] },
        { messageId: 'unbounded', line: 3, data: { name: 'b', how: 'splice()', line: 7 }, suggestions: [] },
        { messageId: 'unbounded', line: 4, data: { name: 'c', how: '`this.c[this.c.length] = 2`', line: 8 }, suggestions: [] },
      ],
    },
    {
      // Seed 003: completed tasks are never removed from the Map.
      code: `class TaskManager {
  private tasks: Map<string, { id: string; status: string }> = new Map();
  addTask(task: { id: string; status: string }) {
    this.tasks.set(task.id, task);
  }
  completeTask(taskId: string) {
    const task = this.tasks.get(taskId);
    if (task) task.status = 'completed';
  }
}
`,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          data: { name: 'tasks', how: 'set()', line: 4 },
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { TtlMap } from 'bounded';
const TASKS_MAX = 10_000;
class TaskManager {
  private tasks: Map<string, { id: string; status: string }> = new TtlMap<string, { id: string; status: string }>({ max: TASKS_MAX });
  addTask(task: { id: string; status: string }) {
    this.tasks.set(task.id, task);
  }
  completeTask(taskId: string) {
    const task = this.tasks.get(taskId);
    if (task) task.status = 'completed';
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      // Seed 002: MastraModelOutput's #private buffers, a record of arrays grown through `??=`.
      code: `class ModelOutput {
  #bufferedChunks: string[] = [];
  #bufferedTextChunks: Record<string, string[]> = {};
  onChunk(id: string, chunk: string) {
    this.#bufferedChunks.push(chunk);
    (this.#bufferedTextChunks[id] ??= []).push(chunk);
  }
}
`,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          data: { name: '#bufferedChunks', how: 'push()', line: 5 },
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { RingBuffer } from 'bounded';
const BUFFERED_CHUNKS_CAPACITY = 1000;
class ModelOutput {
  #bufferedChunks: RingBuffer<string> = new RingBuffer<string>(BUFFERED_CHUNKS_CAPACITY);
  #bufferedTextChunks: Record<string, string[]> = {};
  onChunk(id: string, chunk: string) {
    this.#bufferedChunks.push(chunk);
    (this.#bufferedTextChunks[id] ??= []).push(chunk);
  }
}
`,
            },
          ],
        },
        {
          messageId: 'unbounded',
          line: 3,
          data: { name: '#bufferedTextChunks', how: '`this.#bufferedTextChunks[id] ??= []`', line: 6 },
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { TtlMap } from 'bounded';
const BUFFERED_TEXT_CHUNKS_MAX = 10_000;
class ModelOutput {
  #bufferedChunks: string[] = [];
  #bufferedTextChunks: TtlMap<string, string[]> = new TtlMap<string, string[]>({ max: BUFFERED_TEXT_CHUNKS_MAX });
  onChunk(id: string, chunk: string) {
    this.#bufferedChunks.push(chunk);
    (this.#bufferedTextChunks.get(id) ?? this.#bufferedTextChunks.set(id, []).get(id)!).push(chunk);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      // Seed 002: the workflow's #runs map is only cleaned up when the run is not suspended.
      code: `class Workflow {
  #runs: Map<string, Run> = new Map();
  createRun(runId: string) {
    const run = new Run(() => this.#runs.delete(runId));
    this.#runs.set(runId, run);
    return run;
  }
}
class Run {
  constructor(private cleanup?: () => void) {}
  async start() {
    const result = await this.execute();
    if (result.status !== 'suspended') {
      this.cleanup?.();
    }
    return result;
  }
  async execute() {
    return { status: 'done' as string };
  }
}
`,
      errors: [
        {
          messageId: 'conditionalCleanup',
          line: 2,
          data: { name: '#runs', how: 'set()', line: 5, cleanupLine: 4, detail: "result.status !== 'suspended'" },
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { TtlMap } from 'bounded';
const RUNS_MAX = 10_000;
class Workflow {
  #runs: Map<string, Run> = new TtlMap<string, Run>({ max: RUNS_MAX });
  createRun(runId: string) {
    const run = new Run(() => this.#runs.delete(runId));
    this.#runs.set(runId, run);
    return run;
  }
}
class Run {
  constructor(private cleanup?: () => void) {}
  async start() {
    const result = await this.execute();
    if (result.status !== 'suspended') {
      this.cleanup?.();
    }
    return result;
  }
  async execute() {
    return { status: 'done' as string };
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      // The trap of a delete on another key: the set converts the key, the delete does not.
      code: `class Hub {
  private conns = new Map<string, object>();
  add(id: number, ws: object) {
    this.conns.set(String(id), ws);
  }
  remove(id: number) {
    this.conns.delete(\`\${id}\`.length ? (id as unknown as string) : '');
  }
}
class Hub2 {
  private conns = new Map<string, object>();
  add(id: number, ws: object) {
    this.conns.set(\`\${id}\`, ws);
  }
  remove(id: number) {
    this.conns.delete(id as never);
  }
}
`,
      errors: [
        { messageId: 'keyMismatch', line: 11, data: { name: 'conns', how: 'set()', line: 13, cleanupLine: 16, detail: '`id as never` is not the key ``${id}`` it was added under' },
          suggestions: [{ messageId: 'suggestBounded', output: `import { TtlMap } from 'bounded';
class Hub {
  private conns = new Map<string, object>();
  add(id: number, ws: object) {
    this.conns.set(String(id), ws);
  }
  remove(id: number) {
    this.conns.delete(\`\${id}\`.length ? (id as unknown as string) : '');
  }
}
const HUB2_CONNS_MAX = 10_000;
class Hub2 {
  private conns = new TtlMap<string, object>({ max: HUB2_CONNS_MAX });
  add(id: number, ws: object) {
    this.conns.set(\`\${id}\`, ws);
  }
  remove(id: number) {
    this.conns.delete(id as never);
  }
}
` }],
        },
      ],
    },
    {
      // Seed 004: events loaded from storage are not a trim; new events keep being pushed.
      code: `class AgentCore {
  private _events: object[] = [];
  initializeWithEvents(loaded: object[]) {
    this._events = loaded;
  }
  addEvents(events: object[]) {
    this._events.push(...events);
  }
}
`,
      errors: [{ messageId: 'unbounded', line: 2, data: { name: '_events', how: 'push()', line: 7 }, suggestions: [] }],
    },
    {
      // Seed 004 with one event per push: the reassignment from storage gets a new buffer holding the
      // newest loaded events (`RingBuffer.from`), so the suggestion exists (before session 7 it was blocked).
      code: `class AgentCore {
  private _events: object[] = [];
  initializeWithEvents(loaded: object[]) {
    this._events = loaded;
  }
  addEvent(event: object) {
    this._events.push(event);
  }
}
`,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          data: { name: '_events', how: 'push()', line: 7 },
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { RingBuffer } from 'bounded';
const EVENTS_CAPACITY = 1000;
class AgentCore {
  private _events: RingBuffer<object> = new RingBuffer<object>(EVENTS_CAPACITY);
  initializeWithEvents(loaded: object[]) {
    this._events = RingBuffer.from<object>(loaded, EVENTS_CAPACITY);
  }
  addEvent(event: object) {
    this._events.push(event);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      // Nested growth: the values of a Map filled once in the constructor grow for ever.
      code: `class Levels {
  private byLevel = new Map<string, string[]>();
  constructor() {
    for (const level of ['info', 'warn']) this.byLevel.set(level, []);
  }
  log(level: string, line: string) {
    this.byLevel.get(level)!.push(line);
  }
}
`,
      errors: [{ messageId: 'unbounded', line: 2, data: { name: 'byLevel', how: 'nested push()', line: 7 }, suggestions: null }],
    },
    {
      // An alias reassigned to a fresh array that is stored back (`lines = []; this.byLevel.set(..., lines)`)
      // still holds an entry: its pushes are nested growth (the keys themselves are finite here).
      code: `class Levels {
  private byLevel = new Map<string, string[]>();
  constructor() { for (const level of ['info', 'warn']) this.byLevel.set(level, []); }
  log(level: string, line: string) {
    let lines = this.byLevel.get(level);
    if (!lines) { lines = []; this.byLevel.set('other', lines); }
    lines.push(line);
  }
}
`,
      // (Reported at all only because the alias is followed: the direct `set` alone has a finite key.)
      errors: [{ messageId: 'unbounded', line: 2, data: { name: 'byLevel', how: 'set()', line: 6 }, suggestions: [{ messageId: 'suggestBounded', output: `import { TtlMap } from 'bounded';
const BY_LEVEL_MAX = 10_000;
class Levels {
  private byLevel = new TtlMap<string, string[]>({ max: BY_LEVEL_MAX });
  constructor() { for (const level of ['info', 'warn']) this.byLevel.set(level, []); }
  log(level: string, line: string) {
    let lines = this.byLevel.get(level);
    if (!lines) { lines = []; this.byLevel.set('other', lines); }
    lines.push(line);
  }
}
` }] }],
    },
    {
      // Fresh review (session 4), livekit agents-js silero VAD (a real leak): one VAD per worker process, and
      // every stream() — one per agent session — is kept for ever, only iterated to update options.
      code: SILERO_VAD,
      errors: [{ messageId: 'unbounded', line: 2, data: { name: '#streams', how: 'push()', line: 11 }, suggestions: [{ messageId: 'suggestBounded', output: `import { RingBuffer } from 'bounded';
const STREAMS_CAPACITY = 1000;
${SILERO_VAD.replace('#streams: VADStream[];', '#streams: RingBuffer<VADStream>;').replace('this.#streams = [];', 'this.#streams = new RingBuffer<VADStream>(STREAMS_CAPACITY);')}` }] }],
    },
    {
      // A name that only starts with the letters of a test double word is not one.
      code: 'const stubbornQueue: string[] = []; export function add(s: string) { stubbornQueue.push(s); }',
      errors: [{ messageId: 'unbounded', line: 1, data: { name: 'stubbornQueue', how: 'push()', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: `import { RingBuffer } from 'bounded';
const STUBBORN_QUEUE_CAPACITY = 1000;
const stubbornQueue: RingBuffer<string> = new RingBuffer<string>(STUBBORN_QUEUE_CAPACITY); export function add(s: string) { stubbornQueue.push(s); }` }] }],
    },
    {
      // A 'data' handler whose stream never ends in this function keeps its chunks for the stream's life.
      code: `import type { Socket } from 'node:net';
export function record(socket: Socket): void {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
}
`,
      errors: [{ messageId: 'unboundedLocal', line: 3, suggestions: [{ messageId: 'suggestBounded', output: `import type { Socket } from 'node:net';
import { RingBuffer } from 'bounded';
const CHUNKS_CAPACITY = 1000;
export function record(socket: Socket): void {
  const chunks: RingBuffer<Buffer> = new RingBuffer<Buffer>(CHUNKS_CAPACITY);
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
}
` }] }],
    },
    {
      // Fresh review 8 near-miss: the local spread back is a copy of the whole collection, not a filter of it.
      code: `export class EventLog {
  private entries: string[] = [];
  record(name: string): void {
    this.entries.push(name);
  }
  compact(): void {
    const all = this.entries.slice();
    this.entries = [...all];
  }
}
`,
      errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: `import { RingBuffer } from 'bounded';
const ENTRIES_CAPACITY = 1000;
export class EventLog {
  private entries: RingBuffer<string> = new RingBuffer<string>(ENTRIES_CAPACITY);
  record(name: string): void {
    this.entries.push(name);
  }
  compact(): void {
    const all = this.entries.slice();
    this.entries = RingBuffer.from<string>([...all], ENTRIES_CAPACITY);
  }
}
` }] }],
    },
    {
      // Fresh review 8 near-miss: keyed like the registry, but filled by another method than the registration.
      code: `export class Dispatcher {
  readonly #handlers = new Map<string, (ctx: unknown) => void>();
  readonly #timeouts = new Map<string, number>();
  addHandler(topic: string, handler: (ctx: unknown) => void): void {
    this.#handlers.set(topic, handler);
  }
  setTimeoutFor(topic: string, secs: number): void {
    this.#timeouts.set(topic, secs);
  }
  timeoutFor(topic: string): number | undefined {
    return this.#timeouts.get(topic);
  }
}
`,
      errors: [{ messageId: 'unbounded', line: 3, suggestions: [{ messageId: 'suggestBounded', output: `import { TtlMap } from 'bounded';
const TIMEOUTS_MAX = 10_000;
export class Dispatcher {
  readonly #handlers = new Map<string, (ctx: unknown) => void>();
  readonly #timeouts = new TtlMap<string, number>({ max: TIMEOUTS_MAX });
  addHandler(topic: string, handler: (ctx: unknown) => void): void {
    this.#handlers.set(topic, handler);
  }
  setTimeoutFor(topic: string, secs: number): void {
    this.#timeouts.set(topic, secs);
  }
  timeoutFor(topic: string): number | undefined {
    return this.#timeouts.get(topic);
  }
}
` }] }],
    },
    {
      // Held-out recall 8 (lib-jitsi-meet 9a889b98): a constructor runs once per instance, so a static
      // field it grows holds every instance ever made.
      code: `export class CallStats {
    static fabrics = new Set<object>();
    constructor(tpc: object) {
        CallStats.fabrics.add(tpc);
    }
}
`,
      errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: `import { TtlSet } from 'bounded';
const FABRICS_MAX = 10_000;
export class CallStats {
    static fabrics = new TtlSet<object>({ max: FABRICS_MAX });
    constructor(tpc: object) {
        CallStats.fabrics.add(tpc);
    }
}
` }] }],
    },
    {
      // Held-out recall 8 (lib-jitsi-meet): the same with the static field declared by assignment after the class (JS).
      code: `export default class CallStats {
    constructor(tpc) {
        this.tpc = tpc;
        CallStats.fabrics.add(tpc);
    }
}
CallStats.fabrics = new Set();
`,
      filename: 'src/call-stats.js',
      errors: [{ messageId: 'unbounded', line: 7, suggestions: [{ messageId: 'suggestBounded', output: `import { TtlSet } from 'bounded';
const FABRICS_MAX = 10_000;
export default class CallStats {
    constructor(tpc) {
        this.tpc = tpc;
        CallStats.fabrics.add(tpc);
    }
}
CallStats.fabrics = new TtlSet({ max: FABRICS_MAX });
` }] }],
    },
    {
      // Fresh review 8 near-miss: the private method is also called outside the constructor.
      code: `export class SessionIndex {
  readonly #ids = new Set<string>();
  constructor(first: string) {
    this.remember(first);
  }
  private remember(id: string): void {
    this.#ids.add(id);
  }
  open(id: string): void {
    this.remember(id);
  }
}
`,
      errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: `import { TtlSet } from 'bounded';
const IDS_MAX = 10_000;
export class SessionIndex {
  readonly #ids = new TtlSet<string>({ max: IDS_MAX });
  constructor(first: string) {
    this.remember(first);
  }
  private remember(id: string): void {
    this.#ids.add(id);
  }
  open(id: string): void {
    this.remember(id);
  }
}
` }] }],
    },
    {
      // With checkShortLivedClasses, an async-iterable stream class is reported like any other.
      code: 'export class Feed { private seen: string[] = []; receive(m: string) { this.seen.push(m); } [Symbol.asyncIterator]() { return this.seen.values(); } }',
      options: [{ checkShortLivedClasses: true }],
      errors: [{ messageId: 'unbounded', line: 1, data: { name: 'seen', how: 'push()', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: `import { RingBuffer } from 'bounded';
const SEEN_CAPACITY = 1000;
export class Feed { private seen: RingBuffer<string> = new RingBuffer<string>(SEEN_CAPACITY); receive(m: string) { this.seen.push(m); } [Symbol.asyncIterator]() { return this.seen.values(); } }` }] }],
    },
    {
      // A chained method that stores data (not behaviour) in a class that is no builder still grows.
      code: 'export class Log { private items: string[] = []; add(item: string): this { this.items.push(item); return this; } }',
      errors: [{ messageId: 'unbounded', line: 1, data: { name: 'items', how: 'push()', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: `import { RingBuffer } from 'bounded';
const ITEMS_CAPACITY = 1000;
export class Log { private items: RingBuffer<string> = new RingBuffer<string>(ITEMS_CAPACITY); add(item: string): this { this.items.push(item); return this; } }` }] }],
    },
    {
      // Functions kept per request id are pending requests, not a registry.
      code: 'export class Rpc { private pending = new Map<string, (v: unknown) => void>(); call(requestId: string, resolve: (v: unknown) => void) { this.pending.set(requestId, resolve); } }',
      errors: [{ messageId: 'unbounded', line: 1, data: { name: 'pending', how: 'set()', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: `import { TtlMap } from 'bounded';
const PENDING_MAX = 10_000;
export class Rpc { private pending = new TtlMap<string, (v: unknown) => void>({ max: PENDING_MAX }); call(requestId: string, resolve: (v: unknown) => void) { this.pending.set(requestId, resolve); } }` }] }],
    },
    {
      // A copy assigned back without removing anything from it is not a trim.
      code: `export class Store {
  private servers: Record<string, string> = {};
  set(url: string, token: string) { this.servers = { ...this.servers, [url]: token }; }
  snapshot(url: string) {
    const copy = { ...this.servers };
    console.log(copy[url]);
    this.servers = copy;
  }
}
`,
      errors: [{ messageId: 'unbounded', line: 2, data: { name: 'servers', how: '\`this.servers = { ...this.servers, [url]: token }\`', line: 3 }, suggestions: null }],
    },
    {
      // A collection returned by a getter still grows: returning is not draining.
      code: `const registry: string[] = [];
export function track(id: string) {
  registry.push(id);
}
export function all() {
  return registry;
}
`,
      errors: [
        {
          messageId: 'unbounded',
          line: 1,
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { RingBuffer } from 'bounded';
const REGISTRY_CAPACITY = 1000;
const registry: RingBuffer<string> = new RingBuffer<string>(REGISTRY_CAPACITY);
export function track(id: string) {
  registry.push(id);
}
export function all() {
  return registry.toArray();
}
`,
            },
          ],
        },
      ],
    },
    {
      // Seed 000: the events array of a streaming agent run keeps every event while the stream runs.
      code: `export async function* runAgentStreaming(stream: AsyncIterable<object>, span: { log(x: object): void }) {
  const events: any[] = [];
  for await (const event of stream) {
    events.push(event);
    yield event;
  }
  span.log({ events });
}
`,
      errors: [
        {
          messageId: 'unboundedLocal',
          line: 2,
          data: { name: 'events', how: 'push()', line: 4, context: 'for await loop' },
          suggestions: [
            {
              messageId: 'suggestBounded',
              // The flush hook of the ring-buffer rewrite (tests/rules/no-unbounded-collection-flush.test.ts).
              output: `import { RingBuffer } from 'bounded';
const EVENTS_CAPACITY = 1000;
const EVENTS_FLUSH_SIZE = Math.ceil(EVENTS_CAPACITY / 2);
export async function* runAgentStreaming(stream: AsyncIterable<object>, span: { log(x: object): void }) {
  const events: RingBuffer<any> = new RingBuffer<any>(EVENTS_CAPACITY, {
    flushSize: EVENTS_FLUSH_SIZE,
    onEvict: (batch) => {
      span.log({ events: batch });
    },
  });
  for await (const event of stream) {
    events.push(event);
    yield event;
  }
  events.flush();
  span.log({ events: events.toArray() });
}
`,
            },
          ],
        },
      ],
    },
    {
      // A local grown in a while (true) poller and one grown by an emitter handler.
      code: `export async function poll(next: () => Promise<string>) {
  const seen: string[] = [];
  while (true) {
    seen.push(await next());
  }
}
export function watch(e: { on(ev: string, f: (m: string) => void): void }) {
  const messages: string[] = [];
  e.on('message', (m) => {
    messages.push(m);
  });
}
`,
      errors: [
        { messageId: 'unboundedLocal', line: 2, data: { name: 'seen', how: 'push()', line: 4, context: 'while (true) loop' },
          suggestions: [{ messageId: 'suggestBounded', output: `import { RingBuffer } from 'bounded';
const SEEN_CAPACITY = 1000;
export async function poll(next: () => Promise<string>) {
  const seen: RingBuffer<string> = new RingBuffer<string>(SEEN_CAPACITY);
  while (true) {
    seen.push(await next());
  }
}
export function watch(e: { on(ev: string, f: (m: string) => void): void }) {
  const messages: string[] = [];
  e.on('message', (m) => {
    messages.push(m);
  });
}
` }],
        },
        { messageId: 'unboundedLocal', line: 8, data: { name: 'messages', how: 'push()', line: 10, context: "'message' handler" },
          suggestions: [{ messageId: 'suggestBounded', output: `import { RingBuffer } from 'bounded';
export async function poll(next: () => Promise<string>) {
  const seen: string[] = [];
  while (true) {
    seen.push(await next());
  }
}
const MESSAGES_CAPACITY = 1000;
export function watch(e: { on(ev: string, f: (m: string) => void): void }) {
  const messages: RingBuffer<string> = new RingBuffer<string>(MESSAGES_CAPACITY);
  e.on('message', (m) => {
    messages.push(m);
  });
}
` }],
        },
      ],
    },
    {
      code: 'class Mock { sent: string[] = []; send(m: string) { this.sent.push(m); } }',
      filename: 'transport.test.ts',
      options: [{ checkTestFiles: true }],
      errors: [{ messageId: 'unbounded', line: 1, suggestions: [{ messageId: 'suggestBounded', output: `import { RingBuffer } from 'bounded';
const SENT_CAPACITY = 1000;
class Mock { sent: RingBuffer<string> = new RingBuffer<string>(SENT_CAPACITY); send(m: string) { this.sent.push(m); } }` }] }],
    },
    {
      code: 'export class CacheControlValidator { private warnings: string[] = []; check(n: number) { if (n > 4) this.warnings.push("too many"); } }',
      options: [{ checkShortLivedClasses: true }],
      errors: [{ messageId: 'unbounded', line: 1, suggestions: [{ messageId: 'suggestBounded', output: `import { RingBuffer } from 'bounded';
const WARNINGS_CAPACITY = 1000;
export class CacheControlValidator { private warnings: RingBuffer<string> = new RingBuffer<string>(WARNINGS_CAPACITY); check(n: number) { if (n > 4) this.warnings.push("too many"); } }` }] }],
    },
    {
      // A "registry" keyed by a per-request id is not a registry.
      code: 'export class Rpc { private handlers = new Map<string, () => void>(); call(requestId: string, done: () => void) { this.handlers.set(requestId, done); } }',
      errors: [{ messageId: 'unbounded', line: 1, data: { name: 'handlers', how: 'set()', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: `import { TtlMap } from 'bounded';
const HANDLERS_MAX = 10_000;
export class Rpc { private handlers = new TtlMap<string, () => void>({ max: HANDLERS_MAX }); call(requestId: string, done: () => void) { this.handlers.set(requestId, done); } }` }] }],
    },
    {
      // A private `_field` is this file's alone (seed 004's `_events` style).
      code: 'export class Core { private _log: string[] = []; add(s: string) { this._log.push(s); } }',
      errors: [{ messageId: 'unbounded', line: 1, data: { name: '_log', how: 'push()', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: `import { RingBuffer } from 'bounded';
const LOG_CAPACITY = 1000;
export class Core { private _log: RingBuffer<string> = new RingBuffer<string>(LOG_CAPACITY); add(s: string) { this._log.push(s); } }` }] }],
    },
    {
      // A fixture under tests/ is test input (a linter's samples, a test app's graph): linted only on request.
      code: 'export class Core { private _log: string[] = []; add(s: string) { this._log.push(s); } }',
      filename: 'tests/fixtures/codemods/ring-buffer/core.input.ts',
      options: [{ checkTestFiles: true }],
      errors: [{ messageId: 'unbounded', line: 1, data: { name: '_log', how: 'push()', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: `import { RingBuffer } from 'bounded';
const LOG_CAPACITY = 1000;
export class Core { private _log: RingBuffer<string> = new RingBuffer<string>(LOG_CAPACITY); add(s: string) { this._log.push(s); } }` }] }],
    },
    {
      // A `with*` method that does not return this is not a fluent configurator.
      code: 'export class Log { private lines: string[] = []; withLine(line: string) { this.lines.push(line); return this.lines.length; } }',
      errors: [{ messageId: 'unbounded', line: 1, data: { name: 'lines', how: 'push()', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: `import { RingBuffer } from 'bounded';
const LINES_CAPACITY = 1000;
export class Log { private lines: RingBuffer<string> = new RingBuffer<string>(LINES_CAPACITY); withLine(line: string) { this.lines.push(line); return this.lines.length; } }` }] }],
    },
    {
      // A module that only registers a handler does not run to completion: not an entry script.
      code: "const events: string[] = []; process.on('message', (m: string) => { events.push(m); });",
      errors: [{ messageId: 'unbounded', line: 1, data: { name: 'events', how: 'push()', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst EVENTS_CAPACITY = 1000;\nconst events: RingBuffer<string> = new RingBuffer<string>(EVENTS_CAPACITY); process.on('message', (m: string) => { events.push(m); });" }] }],
    },
    {
      // An entry script that starts a server lives as long as it serves (demo auth servers of the precision run).
      code: "import { app, init } from './app'; await init(); const tokens = new Set<string>(); app.post('/token', (req: { body: string }) => { tokens.add(req.body); }); app.listen(8080);",
      errors: [{ messageId: 'unbounded', line: 1, data: { name: 'tokens', how: 'add()', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: "const TOKENS_MAX = 10_000;\nimport { app, init } from './app';\nimport { TtlSet } from 'bounded'; await init(); const tokens = new TtlSet<string>({ max: TOKENS_MAX }); app.post('/token', (req: { body: string }) => { tokens.add(req.body); }); app.listen(8080);" }] }],
    },
    {
      // One call of the mark-once helper passes a value from outside (and nothing is logged): not finite.
      code: "const seen = new Set<string>(); function markOnce(id: string) { if (!seen.has(id)) { seen.add(id); notify(id); } } export function a(model: string) { markOnce('a'); markOnce(model); } declare function notify(id: string): void;",
      errors: [{ messageId: 'unbounded', line: 1, data: { name: 'seen', how: 'add()', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlSet } from 'bounded';\nconst SEEN_MAX = 10_000;\nconst seen = new TtlSet<string>({ max: SEEN_MAX }); function markOnce(id: string) { if (!seen.has(id)) { seen.add(id); notify(id); } } export function a(model: string) { markOnce('a'); markOnce(model); } declare function notify(id: string): void;" }] }],
    },
    {
      // MCP server.ts `_loggingLevels`: a private map set per session id in a request handler, never deleted.
      code: "export class Server { private _loggingLevels = new Map<string | undefined, string>(); constructor(private h: { on(m: string, f: (r: { level: string }, sid?: string) => void): void }) { h.on('logging/setLevel', (r, sid) => { this._loggingLevels.set(sid, r.level); }); } level(sid?: string) { return this._loggingLevels.get(sid); } }",
      errors: [{ messageId: 'unbounded', line: 1, data: { name: '_loggingLevels', how: 'set()', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\nconst LOGGING_LEVELS_MAX = 10_000;\nexport class Server { private _loggingLevels = new TtlMap<string | undefined, string>({ max: LOGGING_LEVELS_MAX }); constructor(private h: { on(m: string, f: (r: { level: string }, sid?: string) => void): void }) { h.on('logging/setLevel', (r, sid) => { this._loggingLevels.set(sid, r.level); }); } level(sid?: string) { return this._loggingLevels.get(sid); } }" }] }],
    },
    {
      // socket.io example client: `slice(0)` copies the buffer, it does not flush it.
      code: 'export class Socket { #sendBuffer: string[] = []; send(p: string) { this.#sendBuffer.push(p); } flush() { const packets = this.#sendBuffer.slice(0); return packets.length; } }',
      errors: [{ messageId: 'unbounded', line: 1, data: { name: '#sendBuffer', how: 'push()', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst SEND_BUFFER_CAPACITY = 1000;\nexport class Socket { #sendBuffer: RingBuffer<string> = new RingBuffer<string>(SEND_BUFFER_CAPACITY); send(p: string) { this.#sendBuffer.push(p); } flush() { const packets = this.#sendBuffer.slice(0); return packets.length; } }" }] }],
    },
    {
      // Index reads in TypeScript: `x.at(i)!` keeps the type T that `x[i]` had without
      // noUncheckedIndexedAccess; a read already treated as possibly undefined keeps a plain `.at(i)`.
      code: `class Q {
  private items: { n: number }[] = [];
  private tasks: Array<() => void> = [];
  add(x: { n: number }, t: () => void) {
    this.items.push(x);
    this.tasks.push(t);
  }
  read(i: number) {
    const n: number = this.items[i].n + this.items[0]!.n;
    const a = this.items[i]?.n ?? this.items[i] ?? (this.items[i] || this.items[0]);
    const b = this.items[i] === undefined || null != this.items[i] || this.items[i] !== this.items[0];
    const c = typeof this.items[i] === 'object' && !this.items[i] && this.items[i];
    if (this.items[i]) return this.items[i] ? this.items[i] : n;
    while (this.items[i]) i++;
    this.tasks[i]?.();
    this.tasks[i]();
    return [a, b, c];
  }
}`,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestBounded',
              data: { description: 'Replace items with a RingBuffer of capacity ITEMS_CAPACITY' },
              output: `import { RingBuffer } from 'bounded';
const ITEMS_CAPACITY = 1000;
class Q {
  private items: RingBuffer<{ n: number }> = new RingBuffer<{ n: number }>(ITEMS_CAPACITY);
  private tasks: Array<() => void> = [];
  add(x: { n: number }, t: () => void) {
    this.items.push(x);
    this.tasks.push(t);
  }
  read(i: number) {
    const n: number = this.items.at(i)!.n + this.items.at(0)!.n;
    const a = this.items.at(i)?.n ?? this.items.at(i)! ?? (this.items.at(i) || this.items.at(0)!);
    const b = this.items.at(i) === undefined || null != this.items.at(i) || this.items.at(i)! !== this.items.at(0)!;
    const c = typeof this.items.at(i) === 'object' && !this.items.at(i) && this.items.at(i)!;
    if (this.items.at(i)) return this.items.at(i) ? this.items.at(i)! : n;
    while (this.items.at(i)) i++;
    this.tasks[i]?.();
    this.tasks[i]();
    return [a, b, c];
  }
}`,
            },
          ],
        },
        {
          messageId: 'unbounded',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestBounded',
              data: { description: 'Replace tasks with a RingBuffer of capacity TASKS_CAPACITY' },
              output: `import { RingBuffer } from 'bounded';
const TASKS_CAPACITY = 1000;
class Q {
  private items: { n: number }[] = [];
  private tasks: RingBuffer<() => void> = new RingBuffer<() => void>(TASKS_CAPACITY);
  add(x: { n: number }, t: () => void) {
    this.items.push(x);
    this.tasks.push(t);
  }
  read(i: number) {
    const n: number = this.items[i].n + this.items[0]!.n;
    const a = this.items[i]?.n ?? this.items[i] ?? (this.items[i] || this.items[0]);
    const b = this.items[i] === undefined || null != this.items[i] || this.items[i] !== this.items[0];
    const c = typeof this.items[i] === 'object' && !this.items[i] && this.items[i];
    if (this.items[i]) return this.items[i] ? this.items[i] : n;
    while (this.items[i]) i++;
    this.tasks.at(i)?.();
    this.tasks.at(i)!();
    return [a, b, c];
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // In JavaScript `!` is a syntax error: index reads become a plain `.at(i)`.
      code: `export class Q {
  items = [];
  add(x) {
    this.items.push(x);
  }
  get(i) {
    return this.items[i].n + this.items[0];
  }
}
`,
      filename: 'src/queue.mjs',
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { RingBuffer } from 'bounded';
const ITEMS_CAPACITY = 1000;
export class Q {
  items = new RingBuffer(ITEMS_CAPACITY);
  add(x) {
    this.items.push(x);
  }
  get(i) {
    return this.items.at(i).n + this.items.at(0);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      // growthMethods: a project-specific append.
      code: 'class A { private items: number[] = []; add(x: number) { (this.items as unknown as { append(x: number): void }).append(x); } }',
      options: [{ growthMethods: ['append'] }],
      errors: [{ messageId: 'unbounded', line: 1, data: { name: 'items', how: 'append()', line: 1 }, suggestions: null }],
    },
    {
      // Fresh review 3 near-miss (MQTT.js): destructuring ANOTHER field does not alias this one.
      code: 'export class C { private queue: number[] = []; private other: number[] = []; add(x: number) { this.queue.push(x); } flush() { const { other } = this; other.shift(); } }',
      errors: [{ messageId: 'unbounded', line: 1, data: { name: 'queue', how: 'push()', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst QUEUE_CAPACITY = 1000;\nexport class C { private queue: RingBuffer<number> = new RingBuffer<number>(QUEUE_CAPACITY); private other: number[] = []; add(x: number) { this.queue.push(x); } flush() { const { other } = this; other.shift(); } }" }] }],
    },
    {
      // Fresh review 3 (MQTT.js): a field only read through a destructured alias is still reported, and the
      // RingBuffer rewrite follows the alias (`queue[0]` becomes `queue.at(0)!`).
      code: 'export class C { private queue: number[] = []; add(x: number) { this.queue.push(x); } first() { const { queue } = this; return queue[0]; } }',
      errors: [{ messageId: 'unbounded', line: 1, data: { name: 'queue', how: 'push()', line: 1 }, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst QUEUE_CAPACITY = 1000;\nexport class C { private queue: RingBuffer<number> = new RingBuffer<number>(QUEUE_CAPACITY); add(x: number) { this.queue.push(x); } first() { const { queue } = this; return queue.at(0)!; } }" }] }],
    },
    {
      // Fresh review 3: a destructured alias rebound to a fresh array (`queue = []`) is not the field any more.
      code: 'export class C { private queue: number[] = []; add(x: number) { this.queue.push(x); } flush() { let { queue } = this; queue = []; queue.shift(); } }',
      errors: [{ messageId: 'unbounded', line: 1, data: { name: 'queue', how: 'push()', line: 1 }, suggestions: [] }],
    },
    {
      // Fresh review 3: the TtlMap rewrite of a record does not follow a destructured alias (it is skipped).
      code: 'export class C { private byId: Record<string, number> = {}; put(k: string) { this.byId[k] = 1; } get(k: string) { const { byId } = this; return byId[k]; } }',
      errors: [{ messageId: 'unbounded', line: 1, data: { name: 'byId', how: '`this.byId[k] = 1`', line: 1 }, suggestions: [] }],
    },
    {
      // Fresh review 3 near-miss (LlamaIndexTS): the same loop awaiting a network read, not a person.
      code: `declare const llm: { chat(o: { messages: object[] }): Promise<{ content: string }> };
export async function relay(conn: { read(): Promise<string> }) {
  const history: { role: string; content: string }[] = [];
  while (true) {
    const r = await llm.chat({ messages: history.map(({ content, role }) => ({ content, role })) });
    history.push({ role: 'assistant', content: r.content });
    await conn.read();
  }
}`,
      errors: [
        {
          messageId: 'unboundedLocal',
          line: 3,
          data: { name: 'history', how: 'push()', line: 6, context: 'while (true) loop' },
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { RingBuffer } from 'bounded';
declare const llm: { chat(o: { messages: object[] }): Promise<{ content: string }> };
const HISTORY_CAPACITY = 1000;
export async function relay(conn: { read(): Promise<string> }) {
  const history: RingBuffer<{ role: string; content: string }> = new RingBuffer<{ role: string; content: string }>(HISTORY_CAPACITY);
  while (true) {
    const r = await llm.chat({ messages: history.map(({ content, role }) => ({ content, role })) });
    history.push({ role: 'assistant', content: r.content });
    await conn.read();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // Fresh review 3 near-miss: the prompt is asked only on some turns (under an `if`).
      code: `declare function prompt(q: string): Promise<string>;
export async function loop(next: () => Promise<string>, verbose: boolean) {
  const lines: string[] = [];
  while (true) {
    lines.push(await next());
    if (verbose) await prompt('more?');
  }
}`,
      errors: [
        {
          messageId: 'unboundedLocal',
          line: 3,
          data: { name: 'lines', how: 'push()', line: 5, context: 'while (true) loop' },
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { RingBuffer } from 'bounded';
declare function prompt(q: string): Promise<string>;
const LINES_CAPACITY = 1000;
export async function loop(next: () => Promise<string>, verbose: boolean) {
  const lines: RingBuffer<string> = new RingBuffer<string>(LINES_CAPACITY);
  while (true) {
    lines.push(await next());
    if (verbose) await prompt('more?');
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'fresh review 4 near-miss: a copy of the field with one more entry is growth, not a rebuild',
      code: `export class FeatureFlags {
  private cache = new Map<string, boolean>();
  remember(key: string): void {
    const next = new Map(this.cache);
    next.set(key, true);
    this.cache = next;
  }
  mark(key: string): void {
    this.cache.set(key, true);
  }
}
`,
      errors: [{ messageId: 'unbounded', line: 2 }],
    },
    {
      // Fresh review 4 decision: `test` as a middle word of a folder name (cline's `mcp-oauth-test-server/`)
      // is not a test folder; such names also occur in temporary and CI directories.
      code: 'export class OAuthServer { private clients: object[] = []; accept(c: object) { this.clients.push(c); } }',
      filename: 'src/dev/mcp-oauth-test-server/server.ts',
      errors: [{ messageId: 'unbounded', line: 1, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst CLIENTS_CAPACITY = 1000;\nexport class OAuthServer { private clients: RingBuffer<object> = new RingBuffer<object>(CLIENTS_CAPACITY); accept(c: object) { this.clients.push(c); } }" }] }],
    },
    {
      // Fresh review 4 (genkit's Angular samples): the constant goes above the class's decorators; between
      // them it would detach the decorator (TS1206 "Decorators are not valid here").
      code: `import { Component } from '@angular/core';

@Component({
  selector: 'app-chatbot',
})
export class ChatbotComponent {
  history: string[] = [];
  send(text: string): void {
    this.history.push(text);
  }
}
`,
      errors: [{ messageId: 'unbounded', line: 7, suggestions: [{ messageId: 'suggestBounded', output: `import { Component } from '@angular/core';
import { RingBuffer } from 'bounded';

const HISTORY_CAPACITY = 1000;
@Component({
  selector: 'app-chatbot',
})
export class ChatbotComponent {
  history: RingBuffer<string> = new RingBuffer<string>(HISTORY_CAPACITY);
  send(text: string): void {
    this.history.push(text);
  }
}
` }] }],
    },
    {
      // Fresh review 3 near-miss: `test` must start the file name (`testimony.ts`, `contest-server.ts` are not test code).
      code: 'export const sent: string[] = []; export function send(m: string) { sent.push(m); }',
      filename: 'src/testimony.ts',
      errors: [{ messageId: 'unbounded', line: 1, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst SENT_CAPACITY = 1000;\nexport const sent: RingBuffer<string> = new RingBuffer<string>(SENT_CAPACITY); export function send(m: string) { sent.push(m); }" }] }],
    },
    {
      // Fresh review 6 (supabase auth-js' `GLOBAL_JWKS[key] = { ...GLOBAL_JWKS[key], jwks }`): a record written
      // from its own earlier value gets a suggestion; before, the write and the read inside it overlapped.
      code: 'const hits: Record<string, number> = {}; export function countHit(ip: string) { hits[ip] = (hits[ip] ?? 0) + 1; return hits[ip]; }',
      errors: [{ messageId: 'unbounded', line: 1, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\nconst HITS_MAX = 10_000;\nconst hits: TtlMap<string, number> = new TtlMap<string, number>({ max: HITS_MAX }); export function countHit(ip: string) { hits.set(ip, (hits.get(ip) ?? 0) + 1); return hits.get(ip)!; }" }] }],
    },
    {
      code: 'export class Hub { private sessions: Record<string, { n: number }> = {}; touch(id: string) { this.sessions[id] = ({ ...this.sessions[id], n: (this.sessions[id]?.n ?? 0) + 1 }); } }',
      errors: [{ messageId: 'unbounded', line: 1, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\nconst SESSIONS_MAX = 10_000;\nexport class Hub { private sessions: TtlMap<string, { n: number }> = new TtlMap<string, { n: number }>({ max: SESSIONS_MAX }); touch(id: string) { this.sessions.set(id, { ...this.sessions.get(id)!, n: (this.sessions.get(id)?.n ?? 0) + 1 }); } }" }] }],
    },
    {
      // Fresh review 6 near-miss: only a folder named `dist` (or `*-dist`) is build output, and only a file
      // named `tests` (or `<name>-tests`) is a type test: `distance/`, `redist/` and `contests.ts` are sources.
      code: 'export const sent: string[] = []; export function send(m: string) { sent.push(m); }',
      filename: 'src/distance/contests.ts',
      errors: [{ messageId: 'unbounded', line: 1, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst SENT_CAPACITY = 1000;\nexport const sent: RingBuffer<string> = new RingBuffer<string>(SENT_CAPACITY); export function send(m: string) { sent.push(m); }" }] }],
    },
    {
      code: 'export const sent: string[] = []; export function send(m: string) { sent.push(m); }',
      filename: 'src/redist/index.ts',
      errors: [{ messageId: 'unbounded', line: 1, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst SENT_CAPACITY = 1000;\nexport const sent: RingBuffer<string> = new RingBuffer<string>(SENT_CAPACITY); export function send(m: string) { sent.push(m); }" }] }],
    },
    {
      code: 'export class Contest { private entries: object[] = []; enter(e: object) { this.entries.push(e); } }',
      filename: 'src/contest-server.ts',
      errors: [{ messageId: 'unbounded', line: 1, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst ENTRIES_CAPACITY = 1000;\nexport class Contest { private entries: RingBuffer<object> = new RingBuffer<object>(ENTRIES_CAPACITY); enter(e: object) { this.entries.push(e); } }" }] }],
    },
];

/** Idempotence: linting the output of the suggestion of every single-finding case reports nothing. */
const rewritten: ValidTestCase<Options>[] = invalid.flatMap((test) =>
  (test.errors.length === 1 ? test.errors : []).flatMap((error) =>
    (error.suggestions ?? []).map((suggestion) => ({
      code: suggestion.output,
      ...(test.filename ? { filename: test.filename } : {}),
      ...(test.options ? { options: test.options } : {}),
    })),
  ),
);

ruleTester.run('no-unbounded-collection', rule, { valid: [...valid, ...rewritten], invalid });
