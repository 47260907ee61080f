/**
 * Generates the bench/codemod.ts project: `files` TypeScript modules in `dir`, deterministic. About one
 * file in four is a leaky service class (an event array that only grows, a Map that only grows, as in
 * the seeds); the rest are clean modules of similar size (bounded code, plain functions). A tsconfig and
 * a `node_modules/bounded` link to the built runtime make `--typecheck` meaningful.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TYPES = `export interface AgentEvent {
  readonly id: string;
  readonly at: number;
  readonly payload: string;
}

export interface Session {
  readonly id: string;
  readonly user: string;
  startedAt: number;
}
`;

function leaky(i: number): string {
  return `import type { AgentEvent, Session } from '../types.js';

/** Service ${i}: records events and sessions. */
export class Service${i} {
  private readonly events: AgentEvent[] = [];
  private readonly sessions = new Map<string, Session>();
  private count = 0;

  record(event: AgentEvent): void {
    this.events.push(event);
    this.count += 1;
  }

  open(session: Session): void {
    this.sessions.set(session.id, session);
  }

  lookup(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  recent(): readonly AgentEvent[] {
    return this.events.slice(-10);
  }

  total(): number {
    return this.count + this.events.length;
  }
}
`;
}

function clean(i: number): string {
  return `import type { AgentEvent } from '../types.js';

const LIMIT_${i} = ${100 + (i % 50)};

/** Module ${i}: pure helpers over events, with a bounded buffer. */
export function summarize${i}(events: readonly AgentEvent[]): string {
  const ids: string[] = [];
  for (const event of events) {
    if (event.payload.length > ${i % 7}) ids.push(event.id);
  }
  return ids.slice(0, LIMIT_${i}).join(',');
}

export class Window${i} {
  private readonly items: AgentEvent[] = [];

  add(event: AgentEvent): void {
    this.items.push(event);
    if (this.items.length > LIMIT_${i}) this.items.shift();
  }

  size(): number {
    return this.items.length;
  }
}

export function score${i}(a: number, b: number): number {
  return a * ${i % 13} + b;
}
`;
}

/** Writes the project; returns the number of leaky files. */
export function generateProject(dir: string, files: number, runtimeDir: string): number {
  mkdirSync(join(dir, 'src', 'services'), { recursive: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(runtimeDir, join(dir, 'node_modules', 'bounded'), 'dir');
  writeFileSync(join(dir, 'src', 'types.ts'), TYPES);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: [] }, include: ['src/**/*.ts'] }, null, 2)}\n`,
  );
  let leakyCount = 0;
  for (let i = 0; i < files - 1; i++) {
    const isLeaky = i % 4 === 0;
    if (isLeaky) leakyCount++;
    writeFileSync(join(dir, 'src', 'services', `service-${i}.ts`), isLeaky ? leaky(i) : clean(i));
  }
  writeFileSync(join(dir, 'package.json'), '{ "name": "bench-project", "private": true, "type": "module" }\n');
  return leakyCount;
}
