import { RuleTester } from '@typescript-eslint/rule-tester';

import cacheRule from '../../rules/src/rules/no-unbounded-cache.js';
import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';
import listenerRule from '../../rules/src/rules/no-leaked-listener.js';
import { suggest } from './suggest.js';

// Bounded code that the fourteenth fresh review (session 14) found reported:
// - electric's desktop updater adds its `autoUpdater` listeners in `attachEventHandlers()`, which the file
//   calls only after `if (initialized) return; initialized = true`;
// - novu's embed widget registers its window listeners in `init = (...) => { ... }`, a function stored in
//   a field named like a lifecycle method;
// - powersync's shared sync client listens for the worker's close acknowledgement in `dispose()`, and
//   its undici diagnostics class subscribes to its channels in `enable()`;
// - tinybase's site scripts add their click handlers in the page's `addEventListener('load', ...)`;
// - replicache's garbage collector makes `new RefCountUpdates(...).compute()` per call;
// - zero's metrics manager fills its metric list from field initializers (`readonly x =
//   this.#register(...)`), and its throughput client from a constructor through two private methods;
// - botpress' vitest support modules (`vitest.snapshot.ts`) and pubnub's build scripts (`.scripts/`);
// - pubnub's file object reads its own readable to the end inside a promise, and outline's CSV converter
//   fills its rows from a chained `.on('data', ...).on('end', ...)`;
// - pubnub's subscriptions delete themselves from their shared state's `clones` record through
//   `this.state.clones`, `state` being declared with the state class's type;
// - botpress' llmz chat examples run a top-level loop that awaits the user's reply every turn.
// Near-misses that stay reported: a second caller without the gate, a gated function that is also handed
// out as a value, a field function with another name, a method that is not a teardown, a `resize`
// handler, a class whose method returns `this`, a private method that a public one calls too, a
// support module whose name is not the runner's, a module's socket read per call, a stream without an
// end listener, a chain without one, a holder that only reads the shared record, and a holder typed as
// another class with a field of the same name, and a top-level loop that awaits something else.

const UPDATER = `import { autoUpdater } from 'electron-updater';

export function createDesktopUpdater(log: (s: string) => void) {
  let initialized = false;

  function attachEventHandlers(): void {
    autoUpdater.on('error', (error: unknown) => {
      log(String(error));
    });
  }

  function initialize(): void {
    if (initialized) return;
    initialized = true;
    attachEventHandlers();
  }

  return { initialize };
}
`;

const UPDATER_UNGATED_CALLER = UPDATER.replace(
  '  return { initialize };',
  '  function retry(): void {\n    attachEventHandlers();\n  }\n\n  return { initialize, retry };',
);

const UPDATER_HANDED_OUT = UPDATER.replace('  return { initialize };', '  return { initialize, attachEventHandlers };');

const WIDGET = `class Widget {
  visible = false;
  init = (selector: string) => {
    const position = () => {
      this.visible = !this.visible;
    };
    window.addEventListener('resize', position);
    document.querySelector(selector);
  };
}
export const widget = new Widget();
`;

const WIDGET_OTHER_NAME = WIDGET.replace('  init = (selector: string) => {', '  toggle = (selector: string) => {');

const DISPOSE = `export class SharedSync {
  constructor(private readonly worker: { endpoint: MessagePort }) {}
  connect(): void {
    this.worker.endpoint.postMessage('open');
  }
  async dispose(): Promise<void> {
    await new Promise<void>((resolve) => {
      const port = this.worker.endpoint;
      port.addEventListener('message', (event) => {
        if (event.data === 'closed') resolve();
      });
      port.postMessage('close');
    });
  }
}
`;

const NOT_TEARDOWN = DISPOSE.replace('async dispose()', 'async flushAll()');

const PAGE_LOAD = `declare const doc: Document;
addEventListener('load', () => {
  doc.body.addEventListener('click', (event: MouseEvent) => {
    console.log(event.button);
  });
});
`;

const READ_TO_END = `import { Readable } from 'node:stream';
export class FileObject {
  constructor(private readonly data: Readable | Buffer) {}
  async toBuffer(): Promise<Buffer> {
    if (!(this.data instanceof Readable)) return this.data;
    const stream = this.data;
    return new Promise((resolve, reject) => {
      const chunks: Uint8Array[] = [];
      stream.on('data', (chunk: Uint8Array) => {
        chunks.push(chunk);
      });
      stream.on('end', () => {
        resolve(Buffer.concat(chunks));
      });
      stream.on('error', (error) => reject(error));
    });
  }
}
`;

const READ_SHARED_SOCKET = `import { Socket } from 'node:net';
const socket = new Socket();
export function readReply(): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
`;

const READ_WITHOUT_END = READ_TO_END.replace("stream.on('end', () => {", "stream.on('pause', () => {");

const ENABLE = `import * as diagnostics_channel from 'node:diagnostics_channel';
class Diagnostics {
  private counter = 0;
  enable() {
    diagnostics_channel.subscribe('undici:request:create', () => {
      this.counter++;
    });
  }
}
export function enableDiagnostics() {
  new Diagnostics().enable();
}
`;

const listeners = new RuleTester();
listeners.run('no-leaked-listener (gated callers, lifecycle fields, teardown, page load)', listenerRule, {
  valid: [UPDATER, WIDGET, DISPOSE, PAGE_LOAD, READ_TO_END, ENABLE],
  invalid: [
    { code: ENABLE.replace('  enable() {', '  trace() {').replace('.enable();', '.trace();'), errors: [{ messageId: 'leakedPerCall', line: 5 }] },
    {
      code: READ_SHARED_SOCKET,
      errors: [
        { messageId: 'unremovable', line: 6 },
        { messageId: 'unremovable', line: 7 },
      ],
    },
    {
      code: READ_WITHOUT_END,
      errors: [
        { messageId: 'unremovable', line: 9 },
        { messageId: 'unremovable', line: 12 },
        { messageId: 'unremovable', line: 15 },
      ],
    },
    { code: UPDATER_UNGATED_CALLER, errors: [{ messageId: 'unremovable', line: 7 }] },
    { code: UPDATER_HANDED_OUT, errors: [{ messageId: 'unremovable', line: 7 }] },
    { code: WIDGET_OTHER_NAME, errors: [{ messageId: 'leakedPerCall', line: 7 }] },
    { code: NOT_TEARDOWN, errors: [{ messageId: 'unremovable', line: 9 }] },
    { code: PAGE_LOAD.replace("'load'", "'resize'"), errors: [{ messageId: 'unremovable', line: 3 }] },
  ],
});

const PER_CALL = `export function computeUpdates(heads: string[], delegate: { load(h: string): number }) {
  return new RefCountUpdates(heads, delegate).compute();
}
class RefCountUpdates {
  readonly #heads: string[];
  readonly #delegate: { load(h: string): number };
  readonly #counts = new Map<string, number>();
  constructor(heads: string[], delegate: { load(h: string): number }) {
    this.#heads = heads;
    this.#delegate = delegate;
  }
  compute(): Map<string, number> {
    for (const h of this.#heads) this.#counts.set(h, this.#delegate.load(h));
    return this.#counts;
  }
}
`;

const FLUENT = PER_CALL.replace('compute(): Map<string, number>', 'compute(): this').replace('return this.#counts;', 'return this;');

const METRICS = `interface Flushable {
  flush(): void;
}
class Gauge implements Flushable {
  flush() {}
}
export class MetricManager {
  readonly #metrics: Flushable[] = [];
  readonly connectTime = this.#register(new Gauge());
  readonly lastError = this.#register(new Gauge());
  flush() {
    for (const m of this.#metrics) m.flush();
  }
  #register<M extends Flushable>(metric: M): M {
    this.#metrics.push(metric);
    return metric;
  }
}
`;

const METRICS_PUBLIC_CALLER = METRICS.replace('  flush() {\n    for', '  track(m: Flushable) {\n    this.#register(m);\n  }\n  flush() {\n    for');

const VIEWS = `export class Client {
  readonly #views: string[] = [];
  constructor(names: string[]) {
    for (const n of names) this.#registerQuery(n);
  }
  #registerQuery(name: string) {
    this.#registerView(name + '!');
  }
  #registerView(view: string) {
    this.#views.push(view);
  }
  count() {
    return this.#views.length;
  }
}
`;

const CHAT_SCRIPT = `declare function prompt(message: string): Promise<string>;
declare function execute(options: { onMessage: (text: string) => void }): Promise<void>;
const transcript: string[] = [];
const onMessage = (text: string) => {
  transcript.push(text);
};
while (true) {
  await execute({ onMessage });
  const reply = await prompt('(your reply) ');
  if (!reply.trim()) break;
  transcript.push(reply);
}
`;

const WORKER_SCRIPT = CHAT_SCRIPT.replace("const reply = await prompt('(your reply) ');", "const reply = await Promise.resolve('next');");

const ringTranscript = (code: string): string =>
  "import { RingBuffer } from 'bounded';\n" +
  code.replace('const transcript: string[] = [];', 'const TRANSCRIPT_CAPACITY = 1000;\nconst transcript: RingBuffer<string> = new RingBuffer<string>(TRANSCRIPT_CAPACITY);');

const SCRIPT = 'const seen = new Set<string>(); export function visit(p: string) { seen.add(p); }';

const CSV = `declare function parse(options: { delimiter: string }): NodeJS.ReadableStream;
export function readRows(input: NodeJS.ReadableStream): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const lines: string[][] = [];
    const stream = parse({ delimiter: ',' })
      .on('error', (error) => reject(error))
      .on('data', (row: string[]) => lines.push(row))
      .on('end', () => resolve(lines));
    input.pipe(stream as never);
  });
}
`;

const CSV_WITHOUT_END = CSV.replace(".on('end', () => resolve(lines));", ".on('readable', () => resolve(lines));");

const ringLines = (code: string): string =>
  "import { RingBuffer } from 'bounded';\n" +
  code
    .replace('export function readRows', 'const LINES_CAPACITY = 1000;\nexport function readRows')
    .replace('const lines: string[][] = [];', 'const lines: RingBuffer<string[]> = new RingBuffer<string[]>(LINES_CAPACITY);')
    .replace('resolve(lines));', 'resolve(lines.toArray()));');

const ttlCounts = (code: string): string =>
  "import { TtlMap } from 'bounded';\n" +
  code
    .replace('class RefCountUpdates {', 'const COUNTS_MAX = 10_000;\nclass RefCountUpdates {')
    .replace('readonly #counts = new Map<string, number>();', 'readonly #counts = new TtlMap<string, number>({ max: COUNTS_MAX });');

const ringMetrics = (code: string): string =>
  "import { RingBuffer } from 'bounded';\n" +
  code
    .replace('export class MetricManager {', 'const METRICS_CAPACITY = 1000;\nexport class MetricManager {')
    .replace('readonly #metrics: Flushable[] = [];', 'readonly #metrics: RingBuffer<Flushable> = new RingBuffer<Flushable>(METRICS_CAPACITY);');

const ttlSeen = (code: string): string =>
  "import { TtlSet } from 'bounded';\n" + code.replace('const seen = new Set<string>();', 'const SEEN_MAX = 10_000;\nconst seen = new TtlSet<string>({ max: SEEN_MAX });');

const collections = new RuleTester();
collections.run('no-unbounded-collection (per-call instances, per-instance callers, support files)', collectionRule, {
  valid: [
    PER_CALL,
    CSV,
    CHAT_SCRIPT,
    METRICS,
    VIEWS,
    { code: SCRIPT, filename: 'packages/js/.scripts/types-aggregate.ts' },
    { code: SCRIPT, filename: 'packages/llmz/vitest.snapshot.ts' },
    { code: 'const seen = new Set(); export function visit(p) { seen.add(p); }', filename: 'jest.resolver.js' },
  ],
  invalid: [
    { code: WORKER_SCRIPT, errors: [{ messageId: 'unbounded', line: 3, suggestions: suggest(ringTranscript(WORKER_SCRIPT)) }] },
    { code: CSV_WITHOUT_END, errors: [{ messageId: 'unboundedLocal', line: 4, suggestions: suggest(ringLines(CSV_WITHOUT_END)) }] },
    { code: FLUENT, errors: [{ messageId: 'unbounded', line: 7, suggestions: suggest(ttlCounts(FLUENT)) }] },
    { code: METRICS_PUBLIC_CALLER, errors: [{ messageId: 'unbounded', line: 8, suggestions: suggest(ringMetrics(METRICS_PUBLIC_CALLER)) }] },
    { code: SCRIPT, filename: 'packages/llmz/vitest-snapshot.ts', errors: [{ messageId: 'unbounded', line: 1, suggestions: suggest(ttlSeen(SCRIPT)) }] },
  ],
});

const CLONES = `class SharedState {
  clones: Record<string, Sub> = {};
  storeClone(id: string, instance: Sub) {
    if (!this.clones[id]) this.clones[id] = instance;
  }
}
export class Sub {
  constructor(readonly id: string, private readonly state: SharedState) {
    state.storeClone(id, this);
  }
  dispose() {
    delete this.state.clones[this.id];
  }
}
`;

const CLONES_GETTER = CLONES.replace(
  '  constructor(readonly id: string, private readonly state: SharedState) {\n    state.storeClone(id, this);\n  }',
  '  private readonly _state: SharedState;\n  constructor(readonly id: string, state: SharedState) {\n    this._state = state;\n    state.storeClone(id, this);\n  }\n  get state() {\n    return this._state;\n  }',
);

const CLONES_MAP = CLONES.replace('clones: Record<string, Sub> = {};', 'clones = new Map<string, Sub>();')
  .replace('if (!this.clones[id]) this.clones[id] = instance;', 'this.clones.set(id, instance);')
  .replace('delete this.state.clones[this.id];', 'this.state.clones.delete(this.id);');

const CLONES_READ_ONLY = CLONES.replace('delete this.state.clones[this.id];', 'this.state.clones[this.id].dispose();');

const CLONES_OTHER_TYPE = CLONES.replace(
  'export class Sub {',
  'class OtherState {\n  clones: Record<string, Sub> = {};\n}\nexport class Sub {',
).replace('constructor(readonly id: string, private readonly state: SharedState) {\n    state.storeClone', 'constructor(readonly id: string, private readonly state: OtherState, shared: SharedState) {\n    shared.storeClone');

const ttlClones = (code: string, prefix: string): string =>
  "import { TtlMap } from 'bounded';\n" +
  `const ${prefix}CLONES_MAX = 10_000;\nconst ${prefix}CLONES_TTL_MS = 10 * 60_000;\n` +
  code
    .replace(
      'clones: Record<string, Sub> = {};\n  storeClone',
      `clones: TtlMap<string, Sub> = new TtlMap<string, Sub>({ max: ${prefix}CLONES_MAX, ttl: ${prefix}CLONES_TTL_MS });\n  storeClone`,
    )
    .replace('if (!this.clones[id]) this.clones[id] = instance;', 'if (!this.clones.get(id)) this.clones.set(id, instance);')
    .replace('this.state.clones[this.id].dispose();', 'this.state.clones.get(this.id)!.dispose();');

const caches = new RuleTester();
caches.run('no-unbounded-cache (removal through a field typed as the owner class)', cacheRule, {
  valid: [CLONES, CLONES_GETTER],
  invalid: [
    { code: CLONES_READ_ONLY, errors: [{ messageId: 'unboundedCache', line: 2, suggestions: suggest(ttlClones(CLONES_READ_ONLY, '')) }] },
    { code: CLONES_OTHER_TYPE, errors: [{ messageId: 'unboundedCache', line: 2, suggestions: suggest(ttlClones(CLONES_OTHER_TYPE, 'SHARED_STATE_')) }] },
  ],
});

const maps = new RuleTester();
maps.run('no-unbounded-collection (removal through a field typed as the owner class)', collectionRule, { valid: [CLONES_MAP], invalid: [] });
