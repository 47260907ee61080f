// A tiny stand-in for the parts of vitest the portable runtime tests use (describe, it, expect with
// toBe/toEqual/toThrow/toBeUndefined/toBeGreaterThan/toBeLessThanOrEqual and friends). The
// cross-environment runner bundles the portable test files with esbuild, aliasing 'vitest' to this
// file, and runs them in workerd and Chromium; `run()` returns one result per test case.

type Fn = () => unknown;
interface Case {
  name: string;
  fn: Fn;
}
export interface CaseResult {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}

const cases: Case[] = [];
const prefix: string[] = [];

export function describe(name: string, body: () => void): void {
  prefix.push(name);
  try {
    body();
  } finally {
    prefix.pop();
  }
}

export function it(name: string, fn: Fn): void {
  cases.push({ name: [...prefix, name].join(' > '), fn });
}
export const test = it;

export async function run(): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    const t0 = Date.now();
    try {
      await c.fn();
      results.push({ name: c.name, ok: true, ms: Date.now() - t0 });
    } catch (e) {
      results.push({ name: c.name, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e), ms: Date.now() - t0 });
    }
  }
  return results;
}

function show(x: unknown): string {
  try {
    if (x instanceof Map) return `Map(${JSON.stringify([...x])})`;
    if (x instanceof Set) return `Set(${JSON.stringify([...x])})`;
    return typeof x === 'string' ? JSON.stringify(x) : (JSON.stringify(x, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? String(x));
  } catch {
    return String(x);
  }
}

/** Deep equality like vitest's toEqual: Object.is for primitives, structural for arrays, Maps, Sets and
 *  plain objects; object properties whose value is undefined are ignored. */
export function equals(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => equals(x, bb[i]));
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !equals(v, b.get(k))) return false;
    return true;
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set && b instanceof Set) || a.size !== b.size) return false;
    for (const v of a) if (!b.has(v)) return false;
    return true;
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => equals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

type Expected = (new (...args: never[]) => unknown) | RegExp | string | undefined;

function thrownMatches(error: unknown, expected: Expected): boolean {
  if (expected === undefined) return true;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof expected === 'string') return message.includes(expected);
  if (expected instanceof RegExp) return expected.test(message);
  return error instanceof expected;
}

function matchers(actual: unknown, negate: boolean) {
  const check = (pass: boolean, what: string) => {
    if (pass === negate) throw new Error(`expected ${show(actual)} ${negate ? 'not ' : ''}${what}`);
  };
  return {
    toBe: (expected: unknown) => check(Object.is(actual, expected), `to be ${show(expected)}`),
    toEqual: (expected: unknown) => check(equals(actual, expected), `to equal ${show(expected)}`),
    toStrictEqual: (expected: unknown) => check(equals(actual, expected), `to strictly equal ${show(expected)}`),
    toBeUndefined: () => check(actual === undefined, 'to be undefined'),
    toBeDefined: () => check(actual !== undefined, 'to be defined'),
    toBeGreaterThan: (n: number) => check((actual as number) > n, `to be > ${n}`),
    toBeGreaterThanOrEqual: (n: number) => check((actual as number) >= n, `to be ≥ ${n}`),
    toBeLessThan: (n: number) => check((actual as number) < n, `to be < ${n}`),
    toBeLessThanOrEqual: (n: number) => check((actual as number) <= n, `to be ≤ ${n}`),
    toBeInstanceOf: (c: new (...args: never[]) => unknown) => check(actual instanceof c, `to be an instance of ${c.name}`),
    toThrow: (expected?: Expected) => {
      if (typeof actual !== 'function') throw new Error('toThrow needs a function');
      let threw = false;
      let error: unknown;
      try {
        (actual as () => unknown)();
      } catch (e) {
        threw = true;
        error = e;
      }
      const pass = threw && thrownMatches(error, expected);
      if (pass === negate) {
        throw new Error(`expected the function ${negate ? 'not ' : ''}to throw ${expected === undefined ? '' : String((expected as { name?: string }).name ?? expected)}; ${threw ? `it threw ${String(error)}` : 'it did not throw'}`);
      }
    },
  };
}

export function expect(actual: unknown, _message?: string) {
  return Object.assign(matchers(actual, false), { not: matchers(actual, true) });
}
