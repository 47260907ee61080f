/**
 * Generates the synthetic service corpus of `bench/lint.ts`: TypeScript modules in the style of agent
 * servers, websocket hubs and SDK clients, some leaky (class-field arrays/Maps/Sets that only grow, memo
 * caches without eviction, listeners never removed, discarded intervals, `+=` strings) and most bounded
 * (size guards, delete on close, cleared intervals, WeakMaps), plus plain utility code so that the
 * baseline rule (`no-unused-vars`) has realistic scopes to walk. Deterministic for a given seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A small deterministic PRNG (mulberry32), so every run lints the same corpus. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Section = (n: string) => string;

const leakyEventLog: Section = (n) => `
export class EventLog${n} {
  private events: AppEvent${n}[] = [];
  private readonly seenTypes = new Set<string>();

  record(event: AppEvent${n}): void {
    this.events.push(event);
    this.seenTypes.add(event.type);
  }

  recent(limit = 20): AppEvent${n}[] {
    return this.events.slice(-limit);
  }

  countByType(type: string): number {
    let count = 0;
    for (const event of this.events) if (event.type === type) count++;
    return count;
  }
}
`;

const boundedEventLog: Section = (n) => `
export class BoundedEventLog${n} {
  private events: AppEvent${n}[] = [];
  private readonly maxEvents: number;

  constructor(maxEvents = 1000) {
    this.maxEvents = maxEvents;
  }

  record(event: AppEvent${n}): void {
    if (this.events.length >= this.maxEvents) {
      this.events.shift();
    }
    this.events.push(event);
  }

  drain(): AppEvent${n}[] {
    const drained = this.events;
    this.events = [];
    return drained;
  }
}
`;

const sessionStore: Section = (n) => `
export class SessionStore${n} {
  private readonly sessions = new Map<string, Session${n}>();
  #byUser = new Map<string, Set<string>>();

  open(userId: string): Session${n} {
    const session: Session${n} = { id: nextId${n}(), userId, startedAt: Date.now(), lastSeen: Date.now() };
    this.sessions.set(session.id, session);
    let ids = this.#byUser.get(userId);
    if (!ids) {
      ids = new Set();
      this.#byUser.set(userId, ids);
    }
    ids.add(session.id);
    return session;
  }

  close(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.#byUser.get(session.userId)?.delete(id);
    if (this.#byUser.get(session.userId)?.size === 0) this.#byUser.delete(session.userId);
    return this.sessions.delete(id);
  }

  expire(now: number, ttlMs: number): number {
    let removed = 0;
    for (const [id, session] of this.sessions) {
      if (now - session.lastSeen > ttlMs) {
        this.close(id);
        removed++;
      }
    }
    return removed;
  }
}
`;

const memoCache: Section = (n) => `
const responseCache${n} = new Map<string, Promise<string>>();

export function fetchCached${n}(url: string, load: (url: string) => Promise<string>): Promise<string> {
  const hit = responseCache${n}.get(url);
  if (hit) return hit;
  const pending = load(url);
  responseCache${n}.set(url, pending);
  return pending;
}

const tokenCounts${n}: Record<string, number> = {};

export function countTokens${n}(text: string): number {
  if (tokenCounts${n}[text] !== undefined) return tokenCounts${n}[text];
  const count = text.split(/\\s+/).filter(Boolean).length;
  tokenCounts${n}[text] = count;
  return count;
}
`;

const boundedCache: Section = (n) => `
export class LruCache${n}<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly max = 256) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

const metadata${n} = new WeakMap<object, { createdAt: number }>();

export function tag${n}(target: object): void {
  metadata${n}.set(target, { createdAt: Date.now() });
}
`;

const hub: Section = (n) => `
export class Hub${n} {
  private readonly clients = new Set<Client${n}>();
  private readonly bus = new EventEmitter();

  constructor(private readonly source: EventEmitter) {
    this.source.on('message', this.onMessage);
  }

  connect(client: Client${n}): void {
    this.clients.add(client);
    client.socket.on('close', () => this.disconnect(client));
    this.bus.on('broadcast', (payload: string) => client.send(payload));
  }

  disconnect(client: Client${n}): void {
    this.clients.delete(client);
  }

  close(): void {
    this.source.off('message', this.onMessage);
    this.bus.removeAllListeners();
    this.clients.clear();
  }

  private onMessage = (payload: string): void => {
    this.bus.emit('broadcast', payload);
  };
}
`;

const poller: Section = (n) => `
export class Poller${n} {
  private timer: ReturnType<typeof setInterval> | undefined;
  private failures = 0;

  start(task: () => Promise<void>, everyMs = 5000): void {
    this.stop();
    this.timer = setInterval(() => {
      task().catch(() => {
        this.failures++;
      });
    }, everyMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

export function startMetrics${n}(report: (rss: number) => void): void {
  setInterval(() => report(process.memoryUsage().rss), 10_000);
}
`;

const streamProcessor: Section = (n) => `
export class StreamCollector${n} {
  private text = '';
  private parts: string[] = [];

  onDelta(delta: string): void {
    this.text += delta;
    this.parts.push(delta);
  }

  get length(): number {
    return this.text.length;
  }
}

export async function collect${n}(source: AsyncIterable<string>, signal: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  signal.addEventListener('abort', () => out.push('[aborted]'));
  for await (const chunk of source) {
    out.push(chunk);
  }
  return out;
}
`;

const utilities: Section = (n) => `
export interface AppEvent${n} {
  readonly type: string;
  readonly at: number;
  readonly data: Record<string, unknown>;
}

export interface Session${n} {
  readonly id: string;
  readonly userId: string;
  readonly startedAt: number;
  lastSeen: number;
}

export interface Client${n} {
  readonly id: string;
  readonly socket: EventEmitter;
  send(payload: string): void;
}

let counter${n} = 0;

export function nextId${n}(): string {
  counter${n} += 1;
  return \`\${Date.now().toString(36)}-\${counter${n}.toString(36)}\`;
}

export function parseHeaders${n}(raw: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const unusedScratch = raw.length;
  for (const line of raw.split('\\r\\n')) {
    const index = line.indexOf(':');
    if (index <= 0) continue;
    const name = line.slice(0, index).trim().toLowerCase();
    const value = line.slice(index + 1).trim();
    headers[name] = headers[name] ? \`\${headers[name]}, \${value}\` : value;
  }
  return headers;
}

export function validate${n}(input: unknown): input is AppEvent${n} {
  if (typeof input !== 'object' || input === null) return false;
  const candidate = input as Partial<AppEvent${n}>;
  const { type, at, data, ...rest } = candidate;
  return typeof type === 'string' && typeof at === 'number' && typeof data === 'object';
}

export function retry${n}<T>(fn: () => Promise<T>, attempts = 3, delayMs = 100): Promise<T> {
  return fn().catch(async (error: unknown) => {
    if (attempts <= 1) throw error;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return retry${n}(fn, attempts - 1, delayMs * 2);
  });
}

export function summarize${n}(events: readonly AppEvent${n}[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const event of events) totals.set(event.type, (totals.get(event.type) ?? 0) + 1);
  return totals;
}
`;

const sections: readonly Section[] = [
  leakyEventLog,
  boundedEventLog,
  sessionStore,
  memoCache,
  boundedCache,
  hub,
  poller,
  streamProcessor,
];

/** What {@link generateCorpus} wrote. */
export interface Corpus {
  readonly dir: string;
  readonly files: number;
  readonly lines: number;
  readonly bytes: number;
}

/**
 * Writes `fileCount` service modules under `dir` (`src/service-<i>.ts`), each with the shared types and
 * utilities plus 3 of the 8 sections picked by a seeded PRNG.
 */
export function generateCorpus(dir: string, fileCount = 320, seed = 20_26): Corpus {
  const random = prng(seed);
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  let lines = 0;
  let bytes = 0;
  for (let i = 0; i < fileCount; i++) {
    const n = String(i);
    const picked = new Set<Section>();
    while (picked.size < 3) picked.add(sections[Math.floor(random() * sections.length)] ?? leakyEventLog);
    const text = [
      `// Generated service module ${i} for the lint benchmark.`,
      `import { EventEmitter } from 'node:events';`,
      utilities(n),
      ...[...picked].map((section) => section(n)),
    ].join('\n');
    writeFileSync(path.join(dir, 'src', `service-${i}.ts`), text);
    lines += text.split('\n').length;
    bytes += Buffer.byteLength(text);
  }
  return { dir, files: fileCount, lines, bytes };
}
