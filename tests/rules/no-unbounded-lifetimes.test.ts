/**
 * Lifetimes and keys the collection family decides from the shape of the code (precision pass on
 * five real repositories, docs/rules/no-unbounded-collection.md "Precision on real code"): each
 * false-positive class becomes a valid case, each real leak an invalid one. Snippets are written for
 * these tests; they reproduce the shape, not the code, of the repositories.
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';

import { analyzeSource } from '../../rules/src/analysis/index.js';
import cacheRule from '../../rules/src/rules/no-unbounded-cache.js';
import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';
import stringRule from '../../rules/src/rules/no-unbounded-string.js';

const ruleTester = new RuleTester();

// A tool-call tracker made for one model stream: it gets the stream's controller and is flushed when
// the stream ends (the shape of a streaming tool-call tracker in a provider SDK).
const streamTracker = `
type Controller = { enqueue(part: object): void };
export class ToolCallTracker {
  private calls = new Set<{ id: string; done: boolean }>();
  private byId = new Map<string, { id: string; done: boolean }>();
  private readonly controller: Controller;
  constructor(controller: Controller) {
    this.controller = controller;
  }
  process(delta: { id: string }): void {
    let call = this.byId.get(delta.id);
    if (!call) {
      call = { id: delta.id, done: false };
      this.calls.add(call);
      this.byId.set(delta.id, call);
    }
    this.controller.enqueue(call);
  }
  flush(): void {
    for (const call of this.calls) if (!call.done) this.controller.enqueue(call);
  }
}
`;

// A tracer that streams one run's events through a writer it takes from its own TransformStream and
// closes when the root run ends.
const streamingTracer = `
export class RunStreamHandler {
  private keyByRunId: Record<string, string> = {};
  private rootId?: string;
  public writer: WritableStreamDefaultWriter;
  constructor() {
    const stream = new TransformStream();
    this.writer = stream.writable.getWriter();
  }
  async onRunCreate(run: { id: string; name: string }): Promise<void> {
    this.rootId ??= run.id;
    if (!this.keyByRunId[run.id]) this.keyByRunId[run.id] = run.name;
    await this.writer.write(this.keyByRunId[run.id]);
  }
  async onRunEnd(run: { id: string }): Promise<void> {
    if (run.id === this.rootId) await this.writer.close();
  }
}
`;

// The same tracer shape whose writer is handed in as a parameter property, finished by finish().
const writerParameterProperty = `
export class EventRelay {
  private pending = new Map<string, Promise<void>>();
  constructor(private readonly writer: { write(x: unknown): Promise<void> }) {}
  tap(runId: string, work: Promise<void>): void {
    if (!this.pending.has(runId)) this.pending.set(runId, work);
  }
  async finish(): Promise<void> {
    await Promise.all([...this.pending.values()]);
  }
}
`;

// A waiter made per request by the object that owns it: the field that holds it is replaced by the
// next request.
const perRequestWaiter = `
type Entry = { message: string };
class Waiter {
  private entries: Entry[] = [];
  add(entries: Entry[]): void {
    this.entries.push(...entries);
  }
  take(): Entry[] {
    return this.entries;
  }
}
export class LogSession {
  private waiter: Waiter | null = null;
  add(entries: Entry[]): void {
    this.waiter?.add(entries);
  }
  wait(): Waiter {
    this.waiter = new Waiter();
    return this.waiter;
  }
}
`;

// A host that keeps each subscription the user opens and closes them all when it closes.
const subscriptionsReleasedOnClose = `
type Subscription = { close(): Promise<void> };
export class Host {
  private readonly watches: Subscription[] = [];
  async watch(open: () => Promise<Subscription>): Promise<void> {
    this.watches.push(await open());
  }
  async close(): Promise<void> {
    for (const watch of this.watches) {
      await watch.close().catch(() => {});
    }
  }
}
`;

describe('no-unbounded-collection: lifetimes told by the shape of the class', () => {
  ruleTester.run('no-unbounded-collection', collectionRule, {
    valid: [
      { code: streamTracker, name: 'a class given a stream controller and flushed at the end of the stream' },
      { code: perRequestWaiter, name: 'a non-exported class built per call into a field the next call replaces' },
      { code: subscriptionsReleasedOnClose, name: 'live subscriptions released one by one in close()' },
      {
        code: subscriptionsReleasedOnClose.replace('type Subscription = { close(): Promise<void> };', 'type Subscription = { close?(): Promise<void> };').replace('await watch.close().catch', 'await watch.close?.().catch'),
        name: 'live subscriptions released with an optional call in close()',
      },
      {
        code: subscriptionsReleasedOnClose.replace('type Subscription = { close(): Promise<void> };', 'type Subscription = { _close(): Promise<void> };').replace('await watch.close().catch', 'await watch._close().catch'),
        name: 'live channels released with their internal _close() in close()',
      },
      {
        name: 'a while loop that compares the size with a limit it does not step is a size guard',
        code: `export class Cache {
  private entries = new Map<string, number>();
  private readonly max = 100;
  put(key: string): void {
    while (this.entries.size >= this.max) this.evictOldest();
    this.entries.set(key, 1);
  }
  private evictOldest(): void {}
}`,
      },
      {
        name: 'live timers released with clearInterval in dispose()',
        code: `export class Poller {
  private timers: ReturnType<typeof setInterval>[] = [];
  every(ms: number, f: () => void): void { this.timers.push(setInterval(f, ms)); }
  dispose(): void { this.timers.forEach((t) => clearInterval(t)); }
}`,
      },
      {
        name: 'a reset through another instance of the class (static factory)',
        code: `export class Manager {
  private pending: string[] = [];
  static create(): Manager {
    const mgr: Manager = Object.create(Manager.prototype);
    mgr.pending = [];
    return mgr;
  }
  add(label: string): void { this.pending.push(label); }
}`,
      },
      {
        name: 'a for await loop that forwards every part but keeps only the tool calls it returns',
        code: `type Part = { type: 'text' | 'tool-call'; text?: string; id?: string };
export async function step(parts: AsyncIterable<Part>, writer: { write(p: Part): Promise<void> }): Promise<{ calls: string[] }> {
  const calls: string[] = [];
  for await (const part of parts) {
    switch (part.type) {
      case 'tool-call':
        calls.push(part.id ?? '');
        break;
      default:
        break;
    }
    await writer.write(part);
  }
  return { calls };
}`,
      },
      {
        name: 'a for await loop that only collects a finite body (nothing forwarded)',
        code: `export async function read(body: AsyncIterable<Uint8Array>): Promise<number[]> {
  const sizes: number[] = [];
  for await (const chunk of body) sizes.push(chunk.length);
  return sizes;
}`,
      },
    ],
    invalid: [
      {
        name: 'a stream controller without an end method: the handle alone does not tell the lifetime',
        code: `type Controller = { enqueue(part: object): void };
export class Relay {
  private seen = new Set<string>();
  constructor(private readonly controller: Controller) {}
  process(id: string): void { this.seen.add(id); this.controller.enqueue({ id }); }
}`,
        errors: [{ messageId: 'unbounded', line: 3, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlSet } from 'bounded';\ntype Controller = { enqueue(part: object): void };\nconst SEEN_MAX = 10_000;\nexport class Relay {\n  private seen = new TtlSet<string>({ max: SEEN_MAX });\n  constructor(private readonly controller: Controller) {}\n  process(id: string): void { this.seen.add(id); this.controller.enqueue({ id }); }\n}" }] }],
      },
      {
        name: 'a long-lived service that owns an AbortController it made itself is not a stream producer',
        code: `export class Poller {
  private results: string[] = [];
  private controller = new AbortController();
  record(x: string): void { this.results.push(x); }
  close(): void { this.controller.abort(); }
}`,
        errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst RESULTS_CAPACITY = 1000;\nexport class Poller {\n  private results: RingBuffer<string> = new RingBuffer<string>(RESULTS_CAPACITY);\n  private controller = new AbortController();\n  record(x: string): void { this.results.push(x); }\n  close(): void { this.controller.abort(); }\n}" }] }],
      },
      {
        name: 'an exported class built per call is still a candidate (other modules may keep it)',
        code: perRequestWaiter.replace('class Waiter', 'export class Waiter'),
        errors: [{ messageId: 'unbounded', line: 4, suggestions: [] }],
      },
      {
        name: 'a factory that returns the instance hands it to a caller that may keep it',
        code: `class Client {
  #buffer: string[] = [];
  send(packet: string): void { this.#buffer.push(packet); }
}
export function connect(): Client {
  return new Client();
}`,
        errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst BUFFER_CAPACITY = 1000;\nclass Client {\n  #buffer: RingBuffer<string> = new RingBuffer<string>(BUFFER_CAPACITY);\n  send(packet: string): void { this.#buffer.push(packet); }\n}\nexport function connect(): Client {\n  return new Client();\n}" }] }],
      },
      {
        name: 'a lazily created instance is kept for good',
        code: `class Waiter {
  private entries: string[] = [];
  add(entry: string): void { this.entries.push(entry); }
}
export class Session {
  private waiter?: Waiter;
  get(): Waiter {
    if (!this.waiter) this.waiter = new Waiter();
    return this.waiter;
  }
}`,
        errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst ENTRIES_CAPACITY = 1000;\nclass Waiter {\n  private entries: RingBuffer<string> = new RingBuffer<string>(ENTRIES_CAPACITY);\n  add(entry: string): void { this.entries.push(entry); }\n}\nexport class Session {\n  private waiter?: Waiter;\n  get(): Waiter {\n    if (!this.waiter) this.waiter = new Waiter();\n    return this.waiter;\n  }\n}" }] }],
      },
      {
        name: 'an instance stored in a collection lives as long as that entry',
        code: `class Conn {
  private acked = new Set<string>();
  ack(id: string): void { this.acked.add(id); }
}
const conns: Conn[] = [];
export function open(): void {
  const conn = new Conn();
  conns.push(conn);
  conns.shift();
}`,
        errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlSet } from 'bounded';\nconst ACKED_MAX = 10_000;\nclass Conn {\n  private acked = new TtlSet<string>({ max: ACKED_MAX });\n  ack(id: string): void { this.acked.add(id); }\n}\nconst conns: Conn[] = [];\nexport function open(): void {\n  const conn = new Conn();\n  conns.push(conn);\n  conns.shift();\n}" }] }],
      },
      {
        name: 'a teardown loop that only reads the entries releases nothing',
        code: `export class Host {
  private readonly ids: string[] = [];
  open(id: string): void { this.ids.push(id); }
  close(): void { for (const id of this.ids) console.log(id); }
}`,
        errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst IDS_CAPACITY = 1000;\nexport class Host {\n  private readonly ids: RingBuffer<string> = new RingBuffer<string>(IDS_CAPACITY);\n  open(id: string): void { this.ids.push(id); }\n  close(): void { for (const id of this.ids) console.log(id); }\n}" }] }],
      },
      {
        name: 'seed 000: a for await loop forwards each chunk and keeps a value derived from it',
        code: `declare function callModel(prompt: string): AsyncIterable<string>;
declare const output: { write(chunk: string): void };
export async function runAgentStreaming(prompt: string): Promise<string[]> {
  const events: string[] = [];
  for await (const chunk of callModel(prompt)) {
    events.push(\`event:\${chunk}\`);
    output.write(chunk);
  }
  return events;
}`,
        errors: [{ messageId: 'unboundedLocal', line: 4, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\ndeclare function callModel(prompt: string): AsyncIterable<string>;\ndeclare const output: { write(chunk: string): void };\nconst EVENTS_CAPACITY = 1000;\nexport async function runAgentStreaming(prompt: string): Promise<string[]> {\n  const events: RingBuffer<string> = new RingBuffer<string>(EVENTS_CAPACITY);\n  for await (const chunk of callModel(prompt)) {\n    events.push(`event:${chunk}`);\n    output.write(chunk);\n  }\n  return events.toArray();\n}" }] }],
      },
      {
        name: 'a name from the arguments of a tool handler registered at start-up is runtime data',
        code: `declare class ToolServer {
  registerTool(name: string, handler: (args: { name: string; text: string }) => Promise<string>): void;
}
const notes = new Map<string, string>();
export function buildServer(): ToolServer {
  const server = new ToolServer();
  server.registerTool('add-note', async ({ name, text }) => {
    notes.set(name, text);
    return name;
  });
  return server;
}`,
        errors: [{ messageId: 'unbounded', line: 4, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\ndeclare class ToolServer {\n  registerTool(name: string, handler: (args: { name: string; text: string }) => Promise<string>): void;\n}\nconst NOTES_MAX = 10_000;\nconst notes = new TtlMap<string, string>({ max: NOTES_MAX });\nexport function buildServer(): ToolServer {\n  const server = new ToolServer();\n  server.registerTool('add-note', async ({ name, text }) => {\n    notes.set(name, text);\n    return name;\n  });\n  return server;\n}" }] }],
      },
      {
        name: 'the same through a member of the handler argument',
        code: `declare const app: { post(path: string, handler: (req: { body: { name: string } }) => void): void };
const byName = new Map<string, object>();
app.post('/items', (req) => {
  byName.set(req.body.name, req.body);
});`,
        errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\ndeclare const app: { post(path: string, handler: (req: { body: { name: string } }) => void): void };\nconst BY_NAME_MAX = 10_000;\nconst byName = new TtlMap<string, object>({ max: BY_NAME_MAX });\napp.post('/items', (req) => {\n  byName.set(req.body.name, req.body);\n});" }] }],
      },
      {
        name: 'a loop bound over the entries is not a size guard',
        code: `export class ExampleSelector {
  protected examples: string[] = [];
  add(example: string): void {
    this.examples.push(example);
  }
  select(budget: number): string[] {
    const picked: string[] = [];
    let i = 0;
    while (budget > 0 && i < this.examples.length) {
      budget -= this.examples[i]!.length;
      picked.push(this.examples[i]!);
      i++;
    }
    return picked;
  }
}`,
        errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst EXAMPLES_CAPACITY = 1000;\nexport class ExampleSelector {\n  protected examples: RingBuffer<string> = new RingBuffer<string>(EXAMPLES_CAPACITY);\n  add(example: string): void {\n    this.examples.push(example);\n  }\n  select(budget: number): string[] {\n    const picked: string[] = [];\n    let i = 0;\n    while (budget > 0 && i < this.examples.length) {\n      budget -= this.examples.at(i)!.length;\n      picked.push(this.examples.at(i)!);\n      i++;\n    }\n    return picked;\n  }\n}" }] }],
      },
      {
        name: 'a for loop bound is not a size guard either',
        code: 'export class Log {\n  private lines: string[] = [];\n  add(line: string): void { this.lines.push(line); }\n  dump(): void { for (let i = 0; i < this.lines.length; i++) console.log(this.lines[i]); }\n}',
        errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst LINES_CAPACITY = 1000;\nexport class Log {\n  private lines: RingBuffer<string> = new RingBuffer<string>(LINES_CAPACITY);\n  add(line: string): void { this.lines.push(line); }\n  dump(): void { for (let i = 0; i < this.lines.length; i++) console.log(this.lines.at(i)!); }\n}" }] }],
      },
      {
        name: 'an in-memory store with no way to remove an entry keeps what its owner puts in for ever',
        code: `export class InMemoryNoteStore {
  private notes = new Map<string, string>();
  async write(path: string, text: string): Promise<void> {
    this.notes.set(path, text);
  }
  async read(path: string): Promise<string | undefined> {
    return this.notes.get(path);
  }
}`,
        errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\nconst NOTES_MAX = 10_000;\nexport class InMemoryNoteStore {\n  private notes = new TtlMap<string, string>({ max: NOTES_MAX });\n  async write(path: string, text: string): Promise<void> {\n    this.notes.set(path, text);\n  }\n  async read(path: string): Promise<string | undefined> {\n    return this.notes.get(path);\n  }\n}" }] }],
      },
      {
        name: 'a *Parser that fills a map in one public method and looks it up in another is long-lived',
        code: `export class MaskingParser {
  private state = new Map<string, string>();
  mask(message: string): string {
    const key = \`<masked-\${this.state.size}>\`;
    this.state.set(key, message);
    return key;
  }
  unmask(masked: string): string | undefined {
    return this.state.get(masked);
  }
}`,
        errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\nconst STATE_MAX = 10_000;\nexport class MaskingParser {\n  private state = new TtlMap<string, string>({ max: STATE_MAX });\n  mask(message: string): string {\n    const key = `<masked-${this.state.size}>`;\n    this.state.set(key, message);\n    return key;\n  }\n  unmask(masked: string): string | undefined {\n    return this.state.get(masked);\n  }\n}" }] }],
      },
    ],
  });
});

describe('no-unbounded-cache: lifetimes told by the shape of the class', () => {
  ruleTester.run('no-unbounded-cache', cacheRule, {
    valid: [
      { code: streamTracker, name: 'the per-stream tracker map used as a lookup' },
      { code: streamingTracer, name: 'a tracer that takes its writer from getWriter() and closes it' },
      { code: writerParameterProperty, name: 'a writer parameter property and a finish() method' },
      {
        name: 'names passed in by code (a loop over a constant list) stay finite',
        code: `const loggers: Record<string, object> = {};
export function logger(name: string): object {
  if (!loggers[name]) loggers[name] = { name };
  return loggers[name];
}
['a', 'b'].forEach((name) => logger(name));`,
      },
    ],
    invalid: [
      {
        name: 'the same tracer without any end of its stream',
        code: streamingTracer.replace('if (run.id === this.rootId) await this.writer.close();', 'void run;'),
        errors: [{ messageId: 'unboundedCache', line: 3, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\n\nconst KEY_BY_RUN_ID_MAX = 10_000;\nconst KEY_BY_RUN_ID_TTL_MS = 10 * 60_000;\nexport class RunStreamHandler {\n  private keyByRunId: TtlMap<string, string> = new TtlMap<string, string>({ max: KEY_BY_RUN_ID_MAX, ttl: KEY_BY_RUN_ID_TTL_MS });\n  private rootId?: string;\n  public writer: WritableStreamDefaultWriter;\n  constructor() {\n    const stream = new TransformStream();\n    this.writer = stream.writable.getWriter();\n  }\n  async onRunCreate(run: { id: string; name: string }): Promise<void> {\n    this.rootId ??= run.id;\n    if (!this.keyByRunId.get(run.id)) this.keyByRunId.set(run.id, run.name);\n    await this.writer.write(this.keyByRunId.get(run.id)!);\n  }\n  async onRunEnd(run: { id: string }): Promise<void> {\n    void run;\n  }\n}\n" }] }],
      },
      {
        name: 'checkShortLivedClasses reports the per-stream tracker too',
        code: streamingTracer,
        options: [{ checkShortLivedClasses: true }],
        errors: [{ messageId: 'unboundedCache', line: 3, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\n\nconst KEY_BY_RUN_ID_MAX = 10_000;\nconst KEY_BY_RUN_ID_TTL_MS = 10 * 60_000;\nexport class RunStreamHandler {\n  private keyByRunId: TtlMap<string, string> = new TtlMap<string, string>({ max: KEY_BY_RUN_ID_MAX, ttl: KEY_BY_RUN_ID_TTL_MS });\n  private rootId?: string;\n  public writer: WritableStreamDefaultWriter;\n  constructor() {\n    const stream = new TransformStream();\n    this.writer = stream.writable.getWriter();\n  }\n  async onRunCreate(run: { id: string; name: string }): Promise<void> {\n    this.rootId ??= run.id;\n    if (!this.keyByRunId.get(run.id)) this.keyByRunId.set(run.id, run.name);\n    await this.writer.write(this.keyByRunId.get(run.id)!);\n  }\n  async onRunEnd(run: { id: string }): Promise<void> {\n    if (run.id === this.rootId) await this.writer.close();\n  }\n}\n" }] }],
      },
    ],
  });
});

// The lint path skips the model of a file whose tokens show no growth at all (tokensMayGrow in
// collections/index.ts). Each case below has exactly one kind of growth token, so a token the
// pre-check forgot would silence a report here.
describe('the token pre-check keeps every kind of growth', () => {
  ruleTester.run('no-unbounded-collection', collectionRule, {
    valid: [
      { name: 'no growth token at all', code: 'export class A { private items: number[] = []; all(): number[] { return this.items; } }' },
    ],
    invalid: [
      {
        name: 'optional member call',
        code: 'export class A { private m = new Map<string, number>(); put(k: string) { this.m?.set(k, 1); } }',
        errors: [{ messageId: 'unbounded', line: 1, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\nconst M_MAX = 10_000;\nexport class A { private m = new TtlMap<string, number>({ max: M_MAX }); put(k: string) { this.m?.set(k, 1); } }" }] }],
      },
      {
        name: 'computed member call',
        code: "export class A { private q: number[] = []; put(x: number) { this.q['push'](x); } }",
        errors: [{ messageId: 'unbounded', line: 1, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst Q_CAPACITY = 1000;\nexport class A { private q: RingBuffer<number> = new RingBuffer<number>(Q_CAPACITY); put(x: number) { this.q['push'](x); } }" }] }],
      },
      {
        name: 'index assignment',
        code: 'export class A { private byKey: Record<string, number> = {}; put(k: string) { this.byKey[k] = 1; } }',
        errors: [{ messageId: 'unbounded', line: 1, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\nconst BY_KEY_MAX = 10_000;\nexport class A { private byKey: TtlMap<string, number> = new TtlMap<string, number>({ max: BY_KEY_MAX }); put(k: string) { this.byKey.set(k, 1); } }" }] }],
      },
      {
        name: 'spread reassignment',
        code: 'export class A { private q: number[] = []; put(x: number) { this.q = [...this.q, x]; } }',
        errors: [{ messageId: 'unbounded', line: 1, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst Q_CAPACITY = 1000;\nexport class A { private q: RingBuffer<number> = new RingBuffer<number>(Q_CAPACITY); put(x: number) { this.q.push(x); } }" }] }],
      },
      {
        name: 'nullish assignment',
        code: 'export class A { private g: Record<string, number[]> = {}; put(k: string, x: number) { (this.g[k] ??= []).push(x); } }',
        errors: [{ messageId: 'unbounded', line: 1, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\nconst G_MAX = 10_000;\nexport class A { private g: TtlMap<string, number[]> = new TtlMap<string, number[]>({ max: G_MAX }); put(k: string, x: number) { (this.g.get(k) ?? this.g.set(k, []).get(k)!).push(x); } }" }] }],
      },
      {
        name: 'a local in a while loop whose test is wrapped (the text test of the function finds any while)',
        code: 'export async function poll(next: () => Promise<string>) {\n  const seen: string[] = [];\n  while ((true)) {\n    seen.push(await next());\n  }\n}',
        errors: [{ messageId: 'unboundedLocal', line: 2, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst SEEN_CAPACITY = 1000;\nexport async function poll(next: () => Promise<string>) {\n  const seen: RingBuffer<string> = new RingBuffer<string>(SEEN_CAPACITY);\n  while ((true)) {\n    seen.push(await next());\n  }\n}" }] }],
      },
      {
        name: 'a local in a for loop with an initialiser and no test',
        code: 'export async function poll(next: () => Promise<string>) {\n  const seen: string[] = [];\n  for (let i = Number(\'0\'); ; i++) {\n    seen.push(await next());\n  }\n}',
        errors: [{ messageId: 'unboundedLocal', line: 2, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst SEEN_CAPACITY = 1000;\nexport async function poll(next: () => Promise<string>) {\n  const seen: RingBuffer<string> = new RingBuffer<string>(SEEN_CAPACITY);\n  for (let i = Number('0'); ; i++) {\n    seen.push(await next());\n  }\n}" }] }],
      },
      {
        name: 'a local grown by a handler registered through a computed member',
        code: "declare const socket: { on(e: string, f: (x: string) => void): void };\nexport function listen() {\n  const got: string[] = [];\n  socket['on']('data', (x) => {\n    got.push(x);\n  });\n}",
        errors: [{ messageId: 'unboundedLocal', line: 3, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\ndeclare const socket: { on(e: string, f: (x: string) => void): void };\nconst GOT_CAPACITY = 1000;\nexport function listen() {\n  const got: RingBuffer<string> = new RingBuffer<string>(GOT_CAPACITY);\n  socket['on']('data', (x) => {\n    got.push(x);\n  });\n}" }] }],
      },
      {
        name: 'a growthMethods name only (the rule builds the model itself)',
        code: 'declare class Q<T> { enqueue(x: T): void } export class A { private q: number[] = []; put(x: number) { (this.q as unknown as Q<number>).enqueue(x); } }',
        options: [{ growthMethods: ['enqueue'] }],
        errors: [{ messageId: 'unbounded', line: 1, suggestions: [] }],
      },
    ],
  });
  ruleTester.run('no-unbounded-string', stringRule, {
    valid: [],
    invalid: [
      {
        name: 'concatenation with +',
        code: "export class A { private log = ''; add(x: string) { this.log = this.log + x; } }",
        errors: [{ messageId: 'unboundedString', line: 1, suggestions: [] }],
      },
      {
        name: 'template with a substitution',
        code: "export class A { private log = ''; add(x: string) { this.log = `${this.log}${x}`; } }",
        errors: [{ messageId: 'unboundedString', line: 1, suggestions: [] }],
      },
    ],
  });
});

describe('resets through another instance and the rewrite', () => {
  const text = `export class Manager {
  private pending: string[] = [];
  static load(saved: string[]): Manager {
    const mgr: Manager = Object.create(Manager.prototype);
    mgr.pending = saved;
    return mgr;
  }
  add(label: string): void { this.pending.push(label); }
}
`;

  it('reports growth when the other instance is given loaded data, but offers no rewrite', () => {
    const findings = analyzeSource(text, 'src/manager.ts').filter((f) => f.rule === 'no-unbounded-collection');
    expect(findings.map((f) => f.name)).toEqual(['pending']);
    expect(findings[0]!.rewrite).toBeUndefined();
    expect(findings[0]!.skipReason).toMatch(/assigned through another instance \(mgr\.pending = saved\)/);
  });

  it('still rewrites the field when no other instance writes it', () => {
    const own = text.replace('mgr.pending = saved;', '');
    const [finding] = analyzeSource(own, 'src/manager.ts').filter((f) => f.rule === 'no-unbounded-collection');
    expect(finding?.rewrite?.transform).toBe('ring-buffer');
  });

  it('a write through another instance outside the class is not the field', () => {
    const outside = `${text.replace('mgr.pending = saved;', '')}export function reset(other: { pending: string[] }): void { other.pending = []; }\n`;
    const [finding] = analyzeSource(outside, 'src/manager.ts').filter((f) => f.rule === 'no-unbounded-collection');
    expect(finding?.name).toBe('pending');
    expect(finding?.rewrite?.transform).toBe('ring-buffer');
  });
});

// Held-out review (openai-node `EventStream.ts`): a module Set filled by a non-exported helper that only
// runs while the module loads (calls at the top level, in loops over literal lists). It is filled a
// fixed number of times, like growth written at the top level.
const filledAtLoad = (helperHead: string, extra = ''): string => `
const trusted = new Set<string>();
${helperHead} remember(ctor: unknown): void {
  if (typeof ctor === 'function') trusted.add(String(ctor));
}
function rememberAll(list: unknown[]): void {
  for (const c of list) remember(c);
}
for (const c of [Error, TypeError, RangeError]) remember(c);
if (typeof Buffer === 'function') rememberAll([Buffer]);
export function isTrusted(ctor: unknown): boolean {
  return trusted.has(String(ctor));
}
${extra}`;

describe('module collections filled while the module loads', () => {
  ruleTester.run('no-unbounded-collection', collectionRule, {
    valid: [{ code: filledAtLoad('function') }],
    invalid: [],
  });

  const names = (code: string): string[] => analyzeSource(code, 'src/intrinsics.ts').filter((f) => f.rule === 'no-unbounded-collection').map((f) => f.name);

  it('is not reported when every call of the helper runs at load', () => {
    expect(names(filledAtLoad('function'))).toEqual([]);
  });

  it('is reported when the helper is exported, passed as a value, or also called from a handler', () => {
    expect(names(filledAtLoad('export function'))).toEqual(['trusted']);
    expect(names(filledAtLoad('function', 'export const hooks = [remember];'))).toEqual(['trusted']);
    expect(names(filledAtLoad('function', 'export function onRequest(c: unknown): void { remember(c); }'))).toEqual(['trusted']);
    expect(names(filledAtLoad('function', "setInterval(() => rememberAll([Date]), 1000);"))).toEqual(['trusted']);
  });
});

// langgraphjs `Graph` (held-out review): definition tables filled by fluent `addNode()`/`addEdge()`
// calls while the graph is defined, then compiled. The same fluent method in a class without a
// build()/compile() step, or a builder method that does not return `this`, stays a candidate.
const graphBuilder = (extra = '', fluentEdge = true) => `type NodeSpec = { run(input: unknown): unknown };
export class Graph {
  nodes: Record<string, NodeSpec> = {};
  edges: Set<[string, string]> = new Set();
  compiled = false;
  addNode(key: string, spec: NodeSpec): this {
    if (this.compiled) console.warn('Adding a node to a graph that has already been compiled.');
    this.nodes[key] = spec;
    return this as Graph as this;
  }
  addEdge(start: string, end: string): ${fluentEdge ? 'this' : 'void'} {
    this.edges.add([start, end]);${fluentEdge ? '\n    return this;' : ''}
  }
  ${extra}
}
`;

describe('builder tables filled by fluent methods', () => {
  ruleTester.run('no-unbounded-collection', collectionRule, {
    valid: [
      { name: 'a builder with compile(): its fluent add methods run while the graph is defined', code: graphBuilder('compile(): { nodes: string[] } { this.compiled = true; return { nodes: Object.keys(this.nodes) }; }') },
      { name: 'a builder with build()', code: graphBuilder('build(): number { return this.edges.size; }') },
    ],
    invalid: [
      {
        name: 'the same fluent methods in a class without a build()/compile() step',
        code: graphBuilder('count(): number { return this.edges.size + Object.keys(this.nodes).length; }'),
        errors: [
          { messageId: 'unbounded', line: 3, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\ntype NodeSpec = { run(input: unknown): unknown };\nconst NODES_MAX = 10_000;\nexport class Graph {\n  nodes: TtlMap<string, NodeSpec> = new TtlMap<string, NodeSpec>({ max: NODES_MAX });\n  edges: Set<[string, string]> = new Set();\n  compiled = false;\n  addNode(key: string, spec: NodeSpec): this {\n    if (this.compiled) console.warn('Adding a node to a graph that has already been compiled.');\n    this.nodes.set(key, spec);\n    return this as Graph as this;\n  }\n  addEdge(start: string, end: string): this {\n    this.edges.add([start, end]);\n    return this;\n  }\n  count(): number { return this.edges.size + [...this.nodes.keys()].length; }\n}\n" }] },
          { messageId: 'unbounded', line: 4, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlSet } from 'bounded';\ntype NodeSpec = { run(input: unknown): unknown };\nconst EDGES_MAX = 10_000;\nexport class Graph {\n  nodes: Record<string, NodeSpec> = {};\n  edges: Set<[string, string]> = new TtlSet<[string, string]>({ max: EDGES_MAX });\n  compiled = false;\n  addNode(key: string, spec: NodeSpec): this {\n    if (this.compiled) console.warn('Adding a node to a graph that has already been compiled.');\n    this.nodes[key] = spec;\n    return this as Graph as this;\n  }\n  addEdge(start: string, end: string): this {\n    this.edges.add([start, end]);\n    return this;\n  }\n  count(): number { return this.edges.size + Object.keys(this.nodes).length; }\n}\n" }] },
        ],
      },
      {
        name: 'a builder method that does not return this',
        code: graphBuilder('compile(): number { return this.edges.size + Object.keys(this.nodes).length; }', false),
        errors: [{ messageId: 'unbounded', line: 4, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlSet } from 'bounded';\ntype NodeSpec = { run(input: unknown): unknown };\nconst EDGES_MAX = 10_000;\nexport class Graph {\n  nodes: Record<string, NodeSpec> = {};\n  edges: Set<[string, string]> = new TtlSet<[string, string]>({ max: EDGES_MAX });\n  compiled = false;\n  addNode(key: string, spec: NodeSpec): this {\n    if (this.compiled) console.warn('Adding a node to a graph that has already been compiled.');\n    this.nodes[key] = spec;\n    return this as Graph as this;\n  }\n  addEdge(start: string, end: string): void {\n    this.edges.add([start, end]);\n  }\n  compile(): number { return this.edges.size + Object.keys(this.nodes).length; }\n}\n" }] }],
      },
    ],
  });
});
