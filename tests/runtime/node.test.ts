// Node-only runtime checks: the zero-dependency contract of the package, real Node EventEmitter use,
// and (in a child process started with --expose-gc) that removed and evicted values become collectable
// and that bounded/testing measures retained heap.
import { ListenerScope } from 'bounded';
import { measureHeapGrowth } from 'bounded/testing';
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runtime = join(root, 'runtime');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

describe('bounded package contract', () => {
  it('runtime/package.json declares no dependencies of any kind', () => {
    const pkg = JSON.parse(readFileSync(join(runtime, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
      expect(pkg[field], field).toBeUndefined();
    }
    expect(pkg.sideEffects).toBe(false);
    expect(Object.keys(pkg.exports as object).sort()).toEqual(['.', './package.json', './testing']);
  });

  it('runtime/src imports nothing but its own relative modules', () => {
    const files = sourceFiles(join(runtime, 'src'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const specifier = /(?:^|[\s;])(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
    const bad: string[] = [];
    for (const f of files) {
      // Comments may show usage (`import ... from 'bounded/testing'`); only code counts.
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      for (const m of code.matchAll(specifier)) {
        const spec = m[1] ?? m[2] ?? m[3] ?? '';
        if (!spec.startsWith('./') && !spec.startsWith('../')) bad.push(`${f}: ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the import check above catches a bare specifier', () => {
    const specifier = /(?:^|[\s;])(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]/gm;
    expect([..."import { x } from 'lodash';\nexport * from './a.js';".matchAll(specifier)].map((m) => m[1])).toEqual(['lodash', './a.js']);
  });
});

describe('ListenerScope with node:events', () => {
  it('removes EventEmitter listeners, once listeners included', () => {
    const e = new EventEmitter();
    const scope = new ListenerScope();
    const got: string[] = [];
    scope.on(e, 'data', (x: string) => got.push(x));
    scope.once(e, 'end', () => got.push('end'));
    e.emit('data', 'a');
    expect(e.listenerCount('data')).toBe(1);
    expect(e.listenerCount('end')).toBe(1);
    scope.dispose();
    expect(e.listenerCount('data')).toBe(0);
    expect(e.listenerCount('end')).toBe(0);
    e.emit('data', 'b');
    expect(got).toEqual(['a']);
  });
});

describe('V8 object shape (child process with --allow-natives-syntax)', () => {
  it('instances keep fast properties when earlier instances were collected before the 7th construction', () => {
    // Without TtlMap's shape keeper, V8 sized later instances from an empty hidden-class chain and put
    // them in dictionary mode (2.5-3x slower get/set). RingBuffer keeps one too (its optimised push code
    // was discarded at every GC that collected the last instance).
    const script = `
      import { RingBuffer, TtlMap, TtlSet } from 'bounded';
      const out = [];
      for (const make of [() => new TtlMap({ max: 10000, ttl: 1000 }), () => new TtlSet({ max: 10000 }), () => new RingBuffer(10000)]) {
        for (let r = 0; r < 12; r++) {
          gc();
          const x = make();
          for (let i = 0; i < 20000; i++) 'push' in x ? x.push(i) : 'add' in x ? x.add('k' + i) : x.set('k' + i, i);
        }
        gc();
        out.push(%HasFastProperties(make()));
      }
      console.log(JSON.stringify(out));`;
    const out = execFileSync(process.execPath, ['--expose-gc', '--allow-natives-syntax', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([true, true, true]);
  });
});

describe('collectability and bounded/testing (child process with --expose-gc)', () => {
  it('removed, evicted, expired and cleared values and disposed listeners are collected', () => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'tests/runtime/harness/gc-child.ts')], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    const results = JSON.parse(out) as Record<string, Record<string, unknown>>;
    const structural = Object.entries(results).filter(([, r]) => 'collected' in r);
    expect(structural.length).toBe(6);
    for (const [name, r] of structural) expect({ name, ...r }).toEqual({ name, collected: true, liveKept: true, keep: true });
    expect(results['expectBoundedHeap passes a TtlMap with max 100']?.passed).toBe(true);
    expect(results['expectBoundedHeap passes a TtlMap with max 100']?.bytesPerIteration as number).toBeLessThan(16);
    const failed = results['expectBoundedHeap fails an unbounded Map'] as { message: string; bytesPerIteration: number };
    expect(failed.message).toMatch(/^bounded\/testing: heap grew by [\d.]+ bytes per iteration .* more than the allowed 16/);
    expect(failed.bytesPerIteration).toBeGreaterThan(16);
    expect(results['measureHeapGrowth awaits async functions']).toEqual({ iterations: 2000, warmup: 0, size: 100 });
  });

  it('without --expose-gc, bounded/testing says how to expose it', async () => {
    const gc = (globalThis as { gc?: unknown }).gc;
    if (gc === undefined) {
      await expect(measureHeapGrowth(() => {})).rejects.toThrow(/garbage collection is not exposed.*--expose-gc.*execArgv/);
    }
    const script = "import('bounded/testing').then(m => m.measureHeapGrowth(() => {})).catch(e => console.log(e.message))";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(out).toMatch(/^bounded\/testing: garbage collection is not exposed.*Run node with --expose-gc.*test\.execArgv/);
  });
});
