/**
 * Lint benchmark (`npm run bench:lint`): per-rule times of eslint-plugin-bounded next to ESLint core
 * `no-unused-vars` in the same run, on
 *   1. a generated corpus of service modules (bench/lint/corpus.ts; 320 files by default), and
 *   2. one real repository when present: `BENCH_REAL_REPO=<dir>`, else the first of
 *      /work/eval/{typescript-sdk,agents,socket.io} or /work/eval/tuning/{...} that exists (skipped with
 *      a message otherwise).
 *
 * Times come from ESLint's `stats: true` option (the Node API form of `TIMING`): per file and per
 * rule, milliseconds spent in that rule's listeners. Each target is linted `BENCH_RUNS` times (default
 * 3, minimum 3) with a fresh `ESLint` instance; every figure printed is the median over the runs.
 * The headline figure is the plugin's total rule time (all `bounded/*` rules, `configs.all`) as a ratio
 * of `no-unused-vars`' time; the target is below 1.0x.
 *
 * Env: BENCH_FILES (corpus size, default 320), BENCH_RUNS (default 3), BENCH_REAL_REPO (directory).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import plugin from 'eslint-plugin-bounded';

import { generateCorpus } from './lint/corpus.js';

const BASELINE = 'no-unused-vars';
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 3));
const FILES = Math.max(1, Number(process.env.BENCH_FILES ?? 320));
const PATTERNS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];

interface RunResult {
  readonly wallMs: number;
  readonly parseMs: number;
  readonly ruleMs: ReadonlyMap<string, number>;
  readonly files: number;
  readonly fatal: number;
  readonly reports: ReadonlyMap<string, number>;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function config(): Linter.Config[] {
  const all = plugin.configs.all;
  return [
    { ignores: ['**/node_modules/**', '**/.git/**'] },
    {
      files: PATTERNS,
      languageOptions: {
        parser: tsParser as Linter.Parser,
        sourceType: 'module',
        ecmaVersion: 'latest',
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: all.plugins ?? {},
      rules: { ...all.rules, [BASELINE]: 'error' },
    },
  ];
}

async function lintOnce(cwd: string): Promise<RunResult> {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: config(),
    stats: true,
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
  });
  const start = performance.now();
  const results = await eslint.lintFiles(PATTERNS);
  const wallMs = performance.now() - start;
  const ruleMs = new Map<string, number>();
  const reports = new Map<string, number>();
  let parseMs = 0;
  let fatal = 0;
  for (const result of results) {
    for (const pass of result.stats?.times.passes ?? []) {
      parseMs += pass.parse?.total ?? 0;
      for (const [rule, time] of Object.entries(pass.rules ?? {})) ruleMs.set(rule, (ruleMs.get(rule) ?? 0) + time.total);
    }
    for (const message of result.messages) {
      if (message.fatal) fatal++;
      else if (message.ruleId) reports.set(message.ruleId, (reports.get(message.ruleId) ?? 0) + 1);
    }
  }
  return { wallMs, parseMs, ruleMs, files: results.length, fatal, reports };
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

async function bench(label: string, cwd: string): Promise<number | undefined> {
  console.log(`\n## ${label}\n   ${cwd}`);
  const runs: RunResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    try {
      runs.push(await lintOnce(cwd));
    } catch (error) {
      console.error(`   run ${i + 1}: linting crashed: ${(error as Error).stack ?? String(error)}`);
      process.exitCode = 1;
      return undefined;
    }
    const last = runs.at(-1);
    if (last) console.log(`   run ${i + 1}/${RUNS}: ${last.files} files in ${(last.wallMs / 1000).toFixed(2)} s`);
  }
  const first = runs[0];
  if (!first || first.files === 0) {
    console.log('   no files linted');
    return undefined;
  }
  const rules = [...new Set(runs.flatMap((r) => [...r.ruleMs.keys()]))];
  const med = new Map(rules.map((rule) => [rule, median(runs.map((r) => r.ruleMs.get(rule) ?? 0))]));
  const baseline = med.get(BASELINE) ?? 0;
  const pluginRules = rules.filter((rule) => rule.startsWith('bounded/'));
  const pluginTotals = runs.map((r) => pluginRules.reduce((sum, rule) => sum + (r.ruleMs.get(rule) ?? 0), 0));
  const ratios = runs.map((r, i) => (pluginTotals[i] ?? 0) / (r.ruleMs.get(BASELINE) ?? Number.NaN));
  const pluginTotal = median(pluginTotals);
  const ratio = median(ratios);

  console.log(
    `   ${first.files} files, ${first.fatal} parse errors; median wall ${(median(runs.map((r) => r.wallMs)) / 1000).toFixed(2)} s, ` +
      `median parse ${median(runs.map((r) => r.parseMs)).toFixed(0)} ms`,
  );
  console.log(`\n   ${pad('rule', 34)} ${pad('median ms', 10, true)} ${pad('x no-unused-vars', 17, true)} ${pad('reports', 8, true)}`);
  for (const rule of [...rules].sort((a, b) => (med.get(b) ?? 0) - (med.get(a) ?? 0))) {
    const ms = med.get(rule) ?? 0;
    console.log(
      `   ${pad(rule, 34)} ${pad(ms.toFixed(1), 10, true)} ${pad(baseline > 0 ? `${(ms / baseline).toFixed(2)}x` : '-', 17, true)} ${pad(String(first.reports.get(rule) ?? 0), 8, true)}`,
    );
  }
  console.log(`   ${pad('bounded/* total', 34)} ${pad(pluginTotal.toFixed(1), 10, true)} ${pad(`${ratio.toFixed(2)}x`, 17, true)}`);
  const verdict = ratio < 1 ? 'below' : 'ABOVE';
  console.log(
    `\n   plugin total / ${BASELINE} = ${ratio.toFixed(2)}x (median of ${RUNS} runs; target < 1.0x: ${verdict})`,
  );
  return ratio;
}

function realRepo(): string | undefined {
  const fromEnv = process.env.BENCH_REAL_REPO;
  if (fromEnv) {
    if (existsSync(fromEnv)) return path.resolve(fromEnv);
    console.log(`\nBENCH_REAL_REPO=${fromEnv} does not exist; real-repo benchmark skipped.`);
    return undefined;
  }
  return ['typescript-sdk', 'agents', 'socket.io']
    .flatMap((name) => [path.join('/work/eval', name), path.join('/work/eval/tuning', name)])
    .find((dir) => existsSync(dir));
}

console.log(`# bench:lint — eslint ${ESLint.version}, eslint-plugin-bounded configs.all + core ${BASELINE}, ${RUNS} runs each`);
const dir = mkdtempSync(path.join(os.tmpdir(), 'bounded-bench-lint-'));
try {
  const corpus = generateCorpus(dir, FILES);
  await bench(
    `generated corpus: ${corpus.files} files, ${corpus.lines} lines, ${(corpus.bytes / 1024).toFixed(0)} KiB`,
    corpus.dir,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const repo = realRepo();
if (repo) await bench(`real repository: ${path.basename(repo)}`, repo);
else if (!process.env.BENCH_REAL_REPO) {
  console.log('\nNo real repository found (set BENCH_REAL_REPO=<dir> or fetch one into /work/eval/<name>); skipped.');
}
