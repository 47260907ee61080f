// Behaviour of the flush-hook rewrite of the ring-buffer transform (seed 000): the fixture inputs are
// rewritten by the real pipeline (rewriteText, with --capacity 100), compiled with esbuild and run over
// 10,000 events. Every event the original code uploaded at the end must still be uploaded exactly
// once and in order, while the RingBuffer never holds more than its capacity (plus at most
// flushSize - 1 evicted items waiting for their batch).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { RingBuffer, type RingBufferOptions } from 'bounded';
import { rewriteText } from 'bounded-codemod';
import { analyzeSource } from 'eslint-plugin-bounded/analysis';
import { transformSync } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FIXTURES } from './helpers.js';

const CAPACITY = 100;
const FLUSH_SIZE = CAPACITY / 2;
const EVENTS = 10_000;

/** RingBuffers created by the rewritten code, with the most items each ever held. */
const buffers: { buffer: ProbeBuffer<unknown>; maxLength: number; maxRetained: number }[] = [];

class ProbeBuffer<T> extends RingBuffer<T> {
  readonly #probe: (typeof buffers)[number];
  constructor(capacity: number, options?: RingBufferOptions<T>) {
    super(capacity, options);
    this.#probe = { buffer: this as ProbeBuffer<unknown>, maxLength: 0, maxRetained: 0 };
    buffers.push(this.#probe);
  }
  override push(...items: T[]): number {
    const length = super.push(...items);
    this.#probe.maxLength = Math.max(this.#probe.maxLength, this.length);
    this.#probe.maxRetained = Math.max(this.#probe.maxRetained, this.length + this.pending);
    return length;
  }
}

/** Rewrites a fixture input with capacity {@link CAPACITY} and loads it, `bounded` bound to {@link ProbeBuffer}. */
function load<M>(fixture: string, rewrites = 1): { module: M; source: string } {
  const input = readFileSync(join(FIXTURES, 'ring-buffer', fixture), 'utf8');
  const result = rewriteText(input, `src/ring-buffer/${fixture}`, { transforms: ['ring-buffer'], bounds: { capacity: CAPACITY } });
  expect(result.applied).toHaveLength(rewrites);
  expect(result.output).toMatch(/_FLUSH_SIZE = Math\.ceil\([A-Z_]+_CAPACITY \/ 2\)/);
  const { code } = transformSync(result.output, { loader: fixture.endsWith('.js') ? 'js' : 'ts', format: 'cjs', target: 'es2022' });
  const module = { exports: {} as M };
  const require = (id: string): unknown => {
    if (id === 'bounded') return { RingBuffer: ProbeBuffer };
    if (id === 'node:crypto') return { randomUUID: () => 'run-1' };
    throw new Error(`unexpected import ${id}`);
  };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return { module: module.exports, source: result.output };
}

async function* source(count: number): AsyncGenerator<{ id: number }> {
  for (let id = 0; id < count; id++) yield { id };
}

/** Resolves after a delay that varies per call (0-2 timer turns), so unchained uploads would reorder. */
function jitter(n: number): Promise<void> {
  return new Promise((resolve) => (n % 3 === 0 ? setImmediate(resolve) : setTimeout(resolve, n % 3)));
}

const ids = (batches: readonly (readonly { id: number }[])[]): number[] => batches.flat().map((e) => e.id);
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
beforeEach(() => {
  buffers.length = 0;
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('flush hook: awaited upload of an object literal (seed 000)', () => {
  type Run = (stream: AsyncIterable<{ id: number }>, span: { log(r: { events: { id: number }[] }): Promise<void> }) => AsyncGenerator<{ id: number }>;
  const { module } = load<{ runAgentStreaming: Run }>('flush-object-property.input.ts');

  it('uploads each of 10,000 events exactly once, in order, one upload at a time, within the capacity', async () => {
    const uploads: { id: number }[][] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const span = {
      async log(record: { events: { id: number }[] }): Promise<void> {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const batch = [...record.events];
        await jitter(uploads.length);
        uploads.push(batch);
        inFlight--;
      },
    };
    const yielded: number[] = [];
    for await (const event of module.runAgentStreaming(source(EVENTS), span)) yielded.push(event.id);

    expect(yielded).toEqual(range(EVENTS));
    expect(ids(uploads)).toEqual(range(EVENTS));
    // 9,900 evicted events in batches of 50, then the last 100 at the end of the run.
    expect(uploads.map((b) => b.length)).toEqual([...Array<number>((EVENTS - CAPACITY) / FLUSH_SIZE).fill(FLUSH_SIZE), CAPACITY]);
    expect(maxInFlight).toBe(1);
    expect(buffers).toHaveLength(1);
    expect(buffers[0]!.maxLength).toBe(CAPACITY);
    expect(buffers[0]!.maxRetained).toBeLessThanOrEqual(CAPACITY + FLUSH_SIZE - 1);
    expect(unhandled).toEqual([]);
  });

  it('rethrows the first failed batch upload at the end of the run, uploads nothing after it, and leaves no unhandled rejection', async () => {
    const uploads: number[][] = [];
    const failure = new Error('upload failed');
    const span = {
      async log(record: { events: { id: number }[] }): Promise<void> {
        await jitter(uploads.length);
        if (uploads.length === 2) {
          uploads.push([]);
          throw failure;
        }
        uploads.push(record.events.map((e) => e.id));
      },
    };
    let yielded = 0;
    const run = async (): Promise<void> => {
      for await (const _ of module.runAgentStreaming(source(1_000), span)) {
        yielded++;
        // Give the failed upload time to settle mid-run: an unhandled rejection would show up here.
        if (yielded % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    await expect(run()).rejects.toBe(failure);
    expect(yielded).toBe(1_000);
    // Batches 1 and 2 went out, batch 3 failed; no later batch and no final upload.
    expect(uploads).toEqual([range(50), range(50).map((i) => i + 50), []]);
    expect(unhandled).toEqual([]);
  });
});

describe('flush hook: upload in a finally', () => {
  type Run = (stream: AsyncIterable<{ id: number }>, span: { log(e: { id: string; events: readonly { id: number }[]; count: number }): Promise<void> }) => AsyncGenerator<{ id: number }>;
  const { module, source: rewritten } = load<{ runPythonAgentStreaming: Run }>('flush-finally-typed.input.ts');

  it('still runs in the finally and drains pending batches when the consumer stops early', async () => {
    expect(rewritten).toMatch(/finally \{\n\s+events\.flush\(\);\n\s+await eventsUploads;\n\s+await flushEventsBatch\(span, events\.toArray\(\)\);/);
    const uploads: { id: number }[][] = [];
    const counts: number[] = [];
    const span = {
      async log(entry: { events: readonly { id: number }[]; count: number }): Promise<void> {
        await jitter(uploads.length);
        uploads.push([...entry.events]);
        counts.push(entry.count);
      },
    };
    let taken = 0;
    for await (const _ of module.runPythonAgentStreaming(source(EVENTS), span)) {
      if (++taken === 2_345) break;
    }
    expect(ids(uploads)).toEqual(range(2_345));
    // 2,245 evicted: 44 full batches of 50, a pending 45 delivered by flush(), then the last 100.
    expect(counts).toEqual([...Array<number>(44).fill(FLUSH_SIZE), 45, CAPACITY]);
    expect(buffers[0]!.maxLength).toBe(CAPACITY);
  });
});

describe('flush hook: clear() after the upload', () => {
  type Run = (stream: AsyncIterable<{ id: number }>, span: { log(r: { events: { id: number }[] }): Promise<void> }, status: string) => AsyncGenerator<{ id: number }>;
  const { module, source: rewritten } = load<{ run: Run }>('flush-conditional-clear.input.ts');

  it('does not upload the items clear() removes a second time', async () => {
    expect(rewritten).toContain("if (status !== 'suspended') events.clear();");
    const uploads: { id: number }[][] = [];
    const span = { log: async (r: { events: { id: number }[] }): Promise<void> => void uploads.push([...r.events]) };
    for await (const _ of module.run(source(1_000), span, 'done')) {
      // drain
    }
    expect(ids(uploads)).toEqual(range(1_000));
    expect(buffers[0]!.buffer.length).toBe(0);
  });
});

describe('flush hook: upload under an if', () => {
  type Span = { log(r: { events: { id: number }[] }): Promise<void> };
  type Run = (stream: AsyncIterable<{ id: number }>, span: Span | undefined, shouldTrace: boolean) => AsyncGenerator<{ id: number }>;
  type Nested = (stream: AsyncIterable<{ id: number }>, span: Span | undefined, mode: string, force: boolean) => AsyncGenerator<{ id: number }>;
  const { module } = load<{ run: Run; nested: Nested }>('flush-conditional.input.ts', 2);
  const drain = async (run: AsyncGenerator<unknown>): Promise<void> => {
    for await (const _ of run) {
      // drain
    }
  };

  it('uploads every event once when the condition holds, nothing when it does not', async () => {
    const uploads: { id: number }[][] = [];
    const span: Span = { log: async (r) => void uploads.push([...r.events]) };
    await drain(module.run(source(EVENTS), span, true));
    expect(ids(uploads)).toEqual(range(EVENTS));
    uploads.length = 0;
    await drain(module.run(source(EVENTS), span, false));
    await drain(module.run(source(EVENTS), undefined, true));
    expect(uploads).toEqual([]);
    await drain(module.nested(source(EVENTS), span, 'off', true));
    expect(ids(uploads)).toEqual(range(EVENTS));
    uploads.length = 0;
    await drain(module.nested(source(EVENTS), span, 'off', false));
    expect(uploads).toEqual([]);
    // The second function's constant is EVENTS_CAPACITY_2, which --capacity does not reach (see the doc's limits).
    expect(buffers.map((b) => b.maxLength)).toEqual(buffers.map((b) => b.buffer.capacity));
  });
});

describe('flush hook: synchronous upload that is not awaited', () => {
  type Tee = (next: () => string | undefined, logger: { info(lines: string[]): void }) => Generator<string, void>;
  const { module } = load<{ tee: Tee }>('flush-plain-call.input.ts');

  it('calls the logger directly for every batch and at the end, in order', () => {
    const logged: string[][] = [];
    let i = 0;
    const next = (): string | undefined => (i < EVENTS ? `line ${i++}` : undefined);
    const passed = [...module.tee(next, { info: (lines) => logged.push([...lines]) })];
    expect(passed).toHaveLength(EVENTS);
    expect(logged.flat()).toEqual(range(EVENTS).map((n) => `line ${n}`));
    expect(logged.at(-1)).toHaveLength(CAPACITY);
    expect(buffers[0]!.maxLength).toBe(CAPACITY);
    expect(buffers[0]!.maxRetained).toBeLessThanOrEqual(CAPACITY + FLUSH_SIZE - 1);
  });
});

describe('flush hook: several uploads at the end', () => {
  type Collect = (
    source: AsyncIterable<{ id: number }>,
    sink: { log(e: { events: { id: number }[]; count: number }): Promise<void> },
    metrics: { track(events: { id: number }[]): void },
  ) => AsyncGenerator<{ id: number }>;
  const { module } = load<{ collect: Collect }>('flush-several.input.ts');

  it('hands every batch to both calls in the order the code makes them', async () => {
    const calls: string[] = [];
    const logged: { id: number }[][] = [];
    const tracked: { id: number }[][] = [];
    const sink = {
      async log(entry: { events: { id: number }[]; count: number }): Promise<void> {
        expect(entry.count).toBe(entry.events.length);
        await jitter(logged.length);
        logged.push([...entry.events]);
        calls.push('log');
      },
    };
    const metrics = {
      track(events: { id: number }[]): void {
        tracked.push([...events]);
        calls.push('track');
      },
    };
    for await (const _ of module.collect(source(EVENTS), sink, metrics)) {
      // drain
    }
    expect(ids(logged)).toEqual(range(EVENTS));
    expect(ids(tracked)).toEqual(range(EVENTS));
    expect(calls).toEqual(Array.from({ length: calls.length / 2 }, () => ['log', 'track']).flat());
    expect(buffers[0]!.maxLength).toBe(CAPACITY);
  });
});

describe('flush hook: JavaScript, fire-and-forget upload', () => {
  type Pipe = (source: AsyncIterable<{ id: number }>, client: { send(records: { id: number }[], runId: string): void }) => AsyncGenerator<{ id: number }>;
  const { module } = load<{ pipe: Pipe }>('flush-module.input.js');

  it('sends every record once, in order, with the module-level argument', async () => {
    const sent: { id: number }[][] = [];
    for await (const _ of module.pipe(source(EVENTS), { send: (records, runId) => (expect(runId).toBe('run-1'), sent.push([...records])) })) {
      // drain
    }
    expect(ids(sent)).toEqual(range(EVENTS));
    expect(buffers[0]!.maxLength).toBe(CAPACITY);
  });
});

describe('flush hook: when the upload cannot be repeated from onEvict', () => {
  /** A streaming function with `before` after the array, `end` after the loop. */
  const streaming = (end: string, before = '', params = 'span: { log(x: object): Promise<void> }, upload: (x: string[]) => Promise<void>'): string => `
import { writeFile } from 'node:fs/promises';
export async function* run(stream: AsyncIterable<string>, ${params}) {
  const events: string[] = [];
${before}
  for await (const event of stream) {
    events.push(event);
    yield event;
  }
${end}
}
`;
  const finding = (text: string): { rewrite?: { description: string }; skipReason?: string } => {
    const findings = analyzeSource(text, 'src/run.ts').filter((f) => f.rule === 'no-unbounded-collection');
    expect(findings).toHaveLength(1);
    return findings[0]!;
  };

  it.each([
    ['the upload reads a binding declared after the array', streaming('  await s.log({ events });', '  const s = span;'), /uses s, which is declared after events/],
    ['the upload reads a loop-local var', streaming('  await span.log({ events, last });').replace('events.push(event);', 'var last = event;\n    events.push(event);'), /uses last, which is declared after events/],
    ['the upload reads a reassigned binding', streaming('  await s.log({ events });', '', 'span: { log(x: object): Promise<void> }, s = span').replace('const events', 's = span;\n  const events'), /uses s, which is reassigned/],
    ['the upload is conditional', streaming('  if (Math.random() > 0.5) await span.log({ events });'), /runs only on some paths \(inside an if\)/],
    ['the upload is in an else branch', streaming('  if (events.length === 0) console.warn("none");\n  else await span.log({ events });'), /runs only on some paths \(inside an if\)/],
    ['the test around the upload reads a reassigned binding', streaming('  if (tracing) await span.log({ events });', '  let tracing = true;\n  tracing = Math.random() > 0.5;'), /the condition of its upload at the end \(tracing\) uses tracing, which is reassigned/],
    ['the test around the upload reads a member', streaming('  if (span.log.length > 0) await span.log({ events });'), /runs only on some paths \(inside an if\)/],
    ['the upload is in a catch', streaming('  try {\n    await upload([]);\n  } catch {\n    await span.log({ events });\n  }'), /runs only on some paths \(inside a catch\)/],
    ['the upload runs in a callback', streaming('  setTimeout(() => void span.log({ events }), 10);'), /runs in a callback/],
    ['the upload is part of a larger expression', streaming('  const ok = (await span.log({ events })) ?? true;\n  void ok;'), /part of a larger expression/],
    ['the upload also passes another local array', streaming('  await span.log({ events, errors });', '', 'span: { log(x: object): Promise<void> }, errors: string[] = []').replace('const events: string[] = [];', 'const errors: string[] = [];\n  const events: string[] = [];').replace(/, errors: string\[\] = \[\]\)/, ')'), /also passes errors, another local array/],
    ['the uploads are in several blocks', streaming('  try {\n    await span.log({ events });\n  } finally {\n    await upload(events);\n  }'), /uploaded at the end from several blocks \(span\.log, upload\)/],
  ])('skips when %s, with the reason', (_, text, reason) => {
    const f = finding(text);
    expect(f.rewrite).toBeUndefined();
    expect(f.skipReason).toMatch(reason);
  });

  it.each([
    ['the array goes to a call that is no upload', streaming('  console.warn(summarize(events.length));', '', 'summarize: (n: number) => string')],
    ['the call replaces what it wrote (writeFile)', streaming("  await writeFile('events.json', JSON.stringify(events));")],
    ['the array is only read at the end', streaming('  yield events.length;')],
  ])('gives the plain RingBuffer rewrite when %s', (_, text) => {
    const f = finding(text);
    expect(f.rewrite?.description).toBe('Replace events with a RingBuffer of capacity EVENTS_CAPACITY');
  });

  it('finds the loop of an array grown by spread reassignment (x = [...x, y] becomes push)', () => {
    const text = streaming('  await upload(events);').replace('const events', 'let events').replace('events.push(event);', 'events = [...events, event];');
    expect(finding(text).rewrite?.description).toMatch(/hands evicted items to upload in batches/);
  });

  it('names the batch parameter so that it shadows nothing the hook reads (call or condition)', () => {
    const text = streaming('  if (batch) await span.log({ events });', '', 'span: { log(x: object): Promise<void> }, batch: boolean');
    const edits = (finding(text).rewrite as unknown as { edits: { text: string }[] }).edits.map((e) => e.text).join('');
    expect(edits).toContain('onEvict: (evicted) => {');
    expect(edits).toContain('if (batch) {');
    expect(edits).toContain('span.log({ events: evicted })');
  });

  it('repeats an upload that passes the array through another call (JSON.stringify)', () => {
    const text = streaming('  await upload([JSON.stringify(events)]);');
    const f = finding(text);
    expect(f.rewrite?.description).toMatch(/hands evicted items to upload in batches/);
    const edits = [...(f.rewrite as unknown as { edits: { range: [number, number]; text: string }[] }).edits].sort((a, b) => b.range[0] - a.range[0]);
    const output = edits.reduce((out, e) => out.slice(0, e.range[0]) + e.text + out.slice(e.range[1]), text);
    expect(output).toContain('eventsUploads = eventsUploads.then(() => upload([JSON.stringify(batch)]));');
    expect(output).toContain('  events.flush();\n  await eventsUploads;\n  await upload([JSON.stringify(events.toArray())]);\n');
  });
});
