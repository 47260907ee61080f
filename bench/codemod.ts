/**
 * Codemod benchmark (`npm run bench:codemod`): files/s of the full bounded-codemod run next to a
 * jscodeshift no-op transform (bench/codemod/noop-transform.cjs: parse with jscodeshift's parser for the
 * extension, change nothing) through the same jscodeshift Runner, on a generated project
 * (bench/codemod/project.ts, 5,000 files by default, one in four leaky). Target: ≥ 0.66x the no-op rate.
 *
 * - "no-op": `Runner.run(noop, files, { dry, silent, babel: false, runInBand })`.
 * - "codemod": `bounded-codemod <copy> --json --no-typecheck` in-process on a fresh copy of the project
 *   (copying is not timed): discovery (globby, .gitignore), the worker transform (analysis + rewrites +
 *   imports; with one worker the CLI calls it file by file itself, with more it goes through the
 *   Runner's worker processes), the atomic writes of the 1,250 changed files and the report.
 * - "codemod + typecheck": the same with `--typecheck` (ts-morph load, before/after diagnostics of the
 *   changed files and their importers); reported separately as the extra seconds it costs.
 * Runs alternate (no-op, codemod, ...) `BENCH_RUNS` times (default 3); figures are medians, in wall
 * clock and in CPU time of this process (with one worker everything runs in-process, so CPU time is
 * the stable figure on a shared machine; wall clock includes waiting for the cores).
 * Env: BENCH_CODEMOD_FILES (default 5000), BENCH_RUNS (default 3), BENCH_CPUS (workers, default 1;
 * jscodeshift caps it at cores − 1), BENCH_TYPECHECK_RUNS (default 1; 0 skips it).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

import { discoverFiles, main, type JsonReport } from 'bounded-codemod';

import { generateProject } from './codemod/project.js';

const require = createRequire(import.meta.url);
const here = fileURLToPath(new URL('.', import.meta.url));
const FILES = Math.max(10, Number(process.env['BENCH_CODEMOD_FILES'] ?? 5000));
const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 3));
const CPUS = Math.max(1, Number(process.env['BENCH_CPUS'] ?? 1));
const TYPECHECK_RUNS = Math.max(0, Number(process.env['BENCH_TYPECHECK_RUNS'] ?? 1));

interface Runner {
  run(transform: string, paths: string[], options: Record<string, unknown>): Promise<{ error: number; ok: number; nochange: number; skip: number }>;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall and CPU (user + system of this process; with 1 worker everything runs in-process) ms. */
interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function timeNoop(files: string[]): Promise<Timing> {
  const runner = require('jscodeshift/src/Runner.js') as Runner;
  const c0 = cpuMs();
  const t0 = performance.now();
  const stats = await runner.run(join(here, 'codemod/noop-transform.cjs'), files, {
    dry: true, silent: true, babel: false, verbose: -1, cpus: CPUS, runInBand: CPUS === 1,
  });
  const wall = performance.now() - t0;
  const cpu = cpuMs() - c0;
  if (stats.error > 0) throw new Error(`no-op transform failed on ${stats.error} file(s)`);
  return { wall, cpu };
}

/** A real (writing) run on a fresh copy of the project; the copy is not timed. */
async function timeCodemod(template: string, typecheck: boolean): Promise<Timing & { report: JsonReport }> {
  const dir = `${template}-run`;
  rmSync(dir, { recursive: true, force: true });
  cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
  let out = '';
  const c0 = cpuMs();
  const t0 = performance.now();
  const code = await main([dir, '--json', typecheck ? '--typecheck' : '--no-typecheck', '--cpus', String(CPUS)], {
    out: (t) => { out += t; },
    err: (t) => process.stderr.write(t),
  });
  const wall = performance.now() - t0;
  const cpu = cpuMs() - c0;
  const report = JSON.parse(out) as JsonReport;
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`codemod exited ${code}: ${JSON.stringify(report.summary)}`);
  return { wall, cpu, report };
}

async function benchmark(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bounded-bench-codemod-'));
  try {
    const leaky = generateProject(dir, FILES, join(here, '..', 'runtime'));
    const files = await discoverFiles([dir], { extensions: ['ts'], ignore: [] });
    console.log(`bench:codemod — ${files.length} files (${leaky} leaky), ${RUNS} run(s), ${CPUS} worker(s), Node ${process.version}`);
    const noop: Timing[] = [];
    const full: Timing[] = [];
    let last: JsonReport | undefined;
    for (let r = 0; r < RUNS; r++) {
      noop.push(await timeNoop(files));
      const run = await timeCodemod(dir, false);
      full.push(run);
      last = run.report;
      console.log(
        `  run ${r + 1}: no-op ${(noop[r]!.wall / 1000).toFixed(2)} s wall / ${(noop[r]!.cpu / 1000).toFixed(2)} s CPU, ` +
          `codemod ${(run.wall / 1000).toFixed(2)} s wall / ${(run.cpu / 1000).toFixed(2)} s CPU`,
      );
    }
    const s = last!.summary;
    console.log(`  codemod found ${s.rewrites} rewrite(s) in ${s.changed} file(s), ${s.skipped} skipped, ${s.failed} failed`);
    for (const kind of ['wall', 'cpu'] as const) {
      const noopRate = files.length / (median(noop.map((t) => t[kind])) / 1000);
      const fullRate = files.length / (median(full.map((t) => t[kind])) / 1000);
      console.log(
        `  ${kind === 'wall' ? 'wall clock' : 'CPU time  '}: jscodeshift no-op ${noopRate.toFixed(0)} files/s, bounded-codemod ${fullRate.toFixed(0)} files/s, ` +
          `ratio ${(fullRate / noopRate).toFixed(2)}x (target ≥ 0.66x)`,
      );
    }
    if (TYPECHECK_RUNS > 0) {
      const typed: Timing[] = [];
      for (let r = 0; r < TYPECHECK_RUNS; r++) {
        const run = await timeCodemod(dir, true);
        typed.push(run);
        if (run.report.summary.reverted > 0) console.log(`  typecheck reverted ${run.report.summary.reverted} file(s)`);
      }
      const wall = median(typed.map((t) => t.wall));
      const cpu = median(typed.map((t) => t.cpu));
      const baseWall = median(full.map((t) => t.wall));
      const baseCpu = median(full.map((t) => t.cpu));
      console.log(
        `  --typecheck: ${(wall / 1000).toFixed(2)} s wall / ${(cpu / 1000).toFixed(2)} s CPU, ` +
          `+${((wall - baseWall) / 1000).toFixed(2)} s wall / +${((cpu - baseCpu) / 1000).toFixed(2)} s CPU over --no-typecheck`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-run`, { recursive: true, force: true });
  }
}

await benchmark();
