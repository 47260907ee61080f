/**
 * `bounded-codemod [paths...]`: rewrites the findings of eslint-plugin-bounded onto the bounded runtime,
 * file by file, through jscodeshift's Runner (worker processes), then checks the result project-wide
 * (cross-file uses, type errors) before any file is written. Flags, exit codes and the JSON report:
 * docs/codemods/cli.md.
 *
 * Pipeline: discover files (globby, .gitignore aware) → refuse a dirty git tree unless --dry/--force →
 * jscodeshift Runner with the worker transform, which analyses each file and reports its new text →
 * cross-file check (ts-morph references of non-private members: their uses in other files are
 * rewritten too, or the finding is skipped) and --typecheck (revert files whose rewrite adds type
 * errors, with their cross-file group) → write atomically (write-file-atomic; a group as a unit), or
 * print a unified diff (--dry) → summary table + one-line summary. Exit 0 ok, 1 some file failed or was reverted, 2 usage error.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createTwoFilesPatch } from 'diff';
import { globby } from 'globby';
import pc from 'picocolors';
import writeFileAtomic from 'write-file-atomic';

import { rewriteText, type FindingReport, type TransformName } from './apply.js';
import { parseDuration } from './duration.js';
import type { FileOutcome, ProjectCheckResult, UseReport as CheckedUse } from './project-check.js';
import { findTsconfig } from './tsconfig.js';
import { TRANSFORM_NAMES, TRANSFORMS } from './registry.js';
import { boundsFrom, inProcessSinks, runTransform, type FileResult } from './transform-runner.js';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')) as { version: string }).version;

/** Extensions scanned by default (declaration files `.d.ts` are never rewritten). */
export const DEFAULT_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'] as const;
/** Directories never scanned, on top of `.gitignore`: dependencies and build output. */
export const DEFAULT_IGNORES = [
  '**/node_modules/**', '**/dist/**', '**/build/**', '**/out/**', '**/coverage/**', '**/.git/**',
  '**/*.d.ts', '**/*.d.mts', '**/*.d.cts',
  // Minified or bundled output checked into a repository is generated code, not source.
  '**/*.min.js', '**/*.min.mjs', '**/*.min.cjs', '**/*.bundle.js',
];

/** Parsed command-line options. */
export interface CliOptions {
  readonly dry: boolean;
  readonly json: boolean;
  readonly transform: readonly TransformName[];
  readonly capacity?: number;
  readonly max?: number;
  readonly ttl?: number;
  readonly cpus: number;
  readonly extensions: readonly string[];
  readonly ignore: readonly string[];
  readonly force: boolean;
  /** undefined = on when a tsconfig.json is found above the paths. */
  readonly typecheck?: boolean;
}

/** Final outcome of one file, as printed and as serialised by `--json`. */
export interface FileReport {
  /** Path relative to the current directory, `/`-separated. */
  readonly file: string;
  /** `changed`: rewritten (or would be, with --dry); `reverted`: rewritten but left alone because of a type error. */
  readonly status: 'changed' | 'unchanged' | 'failed' | 'reverted';
  readonly applied: readonly FindingReport[];
  readonly skipped: readonly FindingReport[];
  readonly error?: { readonly message: string; readonly line?: number; readonly column?: number };
  /**
   * Uses of members declared in other files that this run rewrote here (`l.events[0]` →
   * `l.events.at(0)!`), because their declaration became a RingBuffer/TtlMap; only on changed files.
   */
  readonly uses?: readonly UseReport[];
  /**
   * The other files written or reverted together with this one (a rewritten member and its rewritten
   * uses elsewhere), relative like `file`; absent when the file stands alone.
   */
  readonly group?: readonly string[];
  /** Unified diff (only with --dry --json). */
  readonly diff?: string;
}

/**
 * A rewritten use of another file's member (see `FileReport.uses`): the project check's record with
 * `declaredIn` made relative like `FileReport.file`.
 */
export type UseReport = CheckedUse;

/** The `--json` report. */
export interface JsonReport {
  readonly version: string;
  readonly dry: boolean;
  readonly transforms: readonly TransformName[];
  readonly typecheck: boolean;
  readonly summary: Summary;
  readonly files: readonly FileReport[];
  readonly exitCode: number;
}

/** Counts of the summary table. */
export interface Summary {
  readonly scanned: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly reverted: number;
  /** Findings rewritten, over all files. */
  readonly rewrites: number;
  /** Findings left alone with a reason, over all files. */
  readonly skipped: number;
  /** Uses of rewritten members in other files that were rewritten too, over all changed files. */
  readonly uses: number;
}

class UsageError extends Error {}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Runs the CLI. Never throws and never calls `process.exit`: returns the exit code
 * (0 ok, 1 some file failed or was reverted, 2 usage error).
 */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let parsed: { paths: string[]; options: CliOptions } | undefined;
  try {
    parsed = parseArgs(argv, io);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      io.err(`bounded-codemod: ${error.message.replace(/^error: /, '')}\n`);
      return 2;
    }
    if (error instanceof UsageError || error instanceof RangeError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  try {
    return await run(parsed.paths, parsed.options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    io.err(`bounded-codemod: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

function parseArgs(argv: readonly string[], io: Io): { paths: string[]; options: CliOptions } {
  const positiveInt = (name: string) => (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive integer.`);
    return n;
  };
  const program = new Command('bounded-codemod')
    .description('Rewrite unbounded collections, caches, listeners and intervals onto the bounded runtime.')
    .addHelpText(
      'after',
      `\nTransforms (--transform):\n${TRANSFORMS.map((t) => `  ${t.name}\n      ${t.description}.\n      Fixes: ${t.rules.join(', ')}. Docs: ${t.doc}`).join('\n')}\n\nExit codes: 0 ok, 1 some file failed or was reverted, 2 usage error. Docs: docs/codemods/cli.md\n`,
    )
    .argument('[paths...]', 'files or directories to rewrite', ['.'])
    .option('--dry', 'print a unified diff and write nothing', false)
    .option('--json', 'print a machine-readable JSON report on stdout', false)
    .addOption(
      new Option('--transform <name...>', `transforms to apply (default: all): ${TRANSFORM_NAMES.join(', ')}`),
    )
    .option('--capacity <n>', 'capacity (entries) of introduced RingBuffers', positiveInt('--capacity'))
    .option('--max <n>', 'max entries of introduced TtlMap / TtlSet', positiveInt('--max'))
    .option('--ttl <duration>', 'TTL of introduced TtlMap / TtlSet: ms or 10m, 1h, 1d', (v: string) => {
      try {
        return parseDuration(v);
      } catch {
        throw new InvalidArgumentError('--ttl must be a positive duration such as 600000, 10m or 1h.');
      }
    })
    .option('--cpus <n>', 'jscodeshift worker processes, default cores - 1 (results are identical for any count)', positiveInt('--cpus'))
    .option('--extensions <list>', 'comma-separated file extensions to scan', DEFAULT_EXTENSIONS.join(','))
    .option('--ignore <glob...>', 'globs to skip, on top of .gitignore, node_modules and build output', [])
    .option('--force', 'run even when the git working tree has uncommitted changes', false)
    .option('--typecheck', 'type-check changed files before and after with ts-morph; revert files that get new type errors (default: on when a tsconfig.json is found)')
    .option('--no-typecheck', 'skip the type check')
    .version(VERSION, '-v, --version')
    .helpOption('-h, --help')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: () => {}, outputError: () => {} })
    .allowExcessArguments(false);
  program.parse([...argv], { from: 'user' });
  const o = program.opts<{
    dry: boolean; json: boolean; transform?: string[]; capacity?: number; max?: number; ttl?: number;
    cpus?: number; extensions: string; ignore: string[]; force: boolean; typecheck?: boolean;
  }>();
  const extensions = o.extensions.split(',').map((e) => e.trim().replace(/^\./, '')).filter(Boolean);
  if (extensions.length === 0 || extensions.some((e) => !/^[\w.-]+$/.test(e))) throw new UsageError('bounded-codemod: --extensions must be a comma-separated list such as ts,tsx');
  // commander sets typecheck=true by default for a --no-* option; only an explicit flag counts.
  const source = program.getOptionValueSource('typecheck');
  // Variadic options swallow the paths that follow them (`--transform ring-buffer src/`): when no path
  // was given before the options, values that name existing files or directories are the paths.
  let paths = program.args.length > 0 ? [...program.args] : [];
  const transforms: string[] = [];
  for (const value of o.transform ?? []) {
    if ((TRANSFORM_NAMES as readonly string[]).includes(value)) transforms.push(value);
    else if (program.args.length === 0 && existsSync(value)) paths.push(value);
    else throw new UsageError(`bounded-codemod: unknown transform '${value}' (choose from ${TRANSFORM_NAMES.join(', ')})`);
  }
  const ignore = [...o.ignore];
  if (program.args.length === 0) {
    const trailing: string[] = [];
    while (ignore.length > 1 && existsSync(ignore[ignore.length - 1]!)) trailing.unshift(ignore.pop()!);
    paths.push(...trailing);
  }
  if (paths.length === 0) paths = ['.'];
  return {
    paths,
    options: {
      dry: o.dry,
      json: o.json,
      transform: transforms.length > 0 ? [...new Set(transforms)] as TransformName[] : [...TRANSFORM_NAMES],
      ...(o.capacity !== undefined ? { capacity: o.capacity } : {}),
      ...(o.max !== undefined ? { max: o.max } : {}),
      ...(o.ttl !== undefined ? { ttl: o.ttl } : {}),
      // jscodeshift's own default (cores − 1); one worker runs in-process.
      cpus: o.cpus ?? Math.max(1, availableParallelism() - 1),
      extensions,
      ignore,
      force: o.force,
      ...(source === 'cli' ? { typecheck: o.typecheck } : {}),
    },
  };
}

/** Files to rewrite under `paths`, absolute, sorted; honours .gitignore, the default ignores and `--ignore`. */
export async function discoverFiles(paths: readonly string[], options: Pick<CliOptions, 'extensions' | 'ignore'>): Promise<string[]> {
  const found = new Set<string>();
  const extPattern = options.extensions.length === 1 ? options.extensions[0]! : `{${options.extensions.join(',')}}`;
  for (const p of paths) {
    const abs = resolve(p);
    if (!existsSync(abs)) throw new UsageError(`bounded-codemod: path not found: ${p}`);
    const stat = statSync(abs);
    if (stat.isDirectory()) {
      const files = await globby(`**/*.${extPattern}`, {
        cwd: abs,
        absolute: true,
        gitignore: true,
        ignore: [...DEFAULT_IGNORES, ...options.ignore],
        dot: false,
        followSymbolicLinks: false,
      });
      for (const f of files) found.add(resolve(f));
    } else if (stat.isFile()) {
      const name = abs.split(sep).pop()!;
      const ext = extname(name).slice(1);
      if (options.extensions.includes(ext) && !/\.d\.[cm]?ts$/.test(name)) {
        const ignored = options.ignore.length > 0 && (await globby(name, { cwd: dirname(abs), ignore: options.ignore.map((g) => relativeGlob(g, dirname(abs))) })).length === 0;
        if (!ignored) found.add(abs);
      }
    } else {
      throw new UsageError(`bounded-codemod: not a file or directory: ${p}`);
    }
  }
  return [...found].sort();
}

function relativeGlob(glob: string, cwd: string): string {
  return isAbsolute(glob) ? relative(cwd, glob) : glob;
}

/** Uncommitted changes (including untracked files) under `paths`, or undefined when not in a git work tree. */
function gitDirty(paths: readonly string[]): string[] | undefined {
  const first = resolve(paths[0] ?? '.');
  const cwd = existsSync(first) && statSync(first).isDirectory() ? first : dirname(first);
  try {
    const inside = execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    if (inside !== 'true') return undefined;
  } catch {
    return undefined;
  }
  const out = execFileSync('git', ['status', '--porcelain', '--', ...paths.map((p) => resolve(p))], {
    cwd,
    stdio: ['ignore', 'pipe', 'ignore'],
  }).toString();
  return out.split('\n').filter(Boolean);
}

interface RunnerModule {
  run(transformFile: string, paths: string[], options: Record<string, unknown>): Promise<{ error: number; ok: number; nochange: number; skip: number }> | undefined;
}

/**
 * Runs the worker transform over `files` with jscodeshift's Runner in dry mode (the CLI writes files
 * itself after its checks) and collects one {@link FileResult} per file from the results directory.
 */
export async function runWorkers(
  files: readonly string[],
  options: Pick<CliOptions, 'transform' | 'capacity' | 'max' | 'ttl' | 'cpus'>,
  onProgress?: (done: number) => void,
): Promise<Map<string, FileResult>> {
  const runner = require('jscodeshift/src/Runner.js') as RunnerModule;
  const dir = mkdtempSync(join(tmpdir(), 'bounded-codemod-'));
  const results = new Map<string, FileResult>();
  // Byte offset already read of each worker's `<pid>.jsonl` (read incrementally: workers append).
  const offsets = new Map<string, number>();
  const sink: FileResult[] = [];
  inProcessSinks().set(dir, sink);
  const drain = (): void => {
    for (const r of sink.splice(0)) results.set(r.file, r);
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const from = offsets.get(name) ?? 0;
      const size = statSync(path).size;
      if (size <= from) continue;
      const buffer = Buffer.alloc(size - from);
      const fd = openSync(path, 'r');
      try {
        readSync(fd, buffer, 0, buffer.length, from);
      } finally {
        closeSync(fd);
      }
      const end = buffer.lastIndexOf(0x0a) + 1; // complete lines only
      if (end === 0) continue;
      for (const line of buffer.subarray(0, end).toString('utf8').split('\n')) {
        if (line) {
          const r = JSON.parse(line) as FileResult;
          results.set(r.file, r);
        }
      }
      offsets.set(name, from + end);
    }
  };
  const transformOptions = {
    boundedResults: dir,
    ...(options.capacity !== undefined ? { capacity: options.capacity } : {}),
    ...(options.max !== undefined ? { max: options.max } : {}),
    ...(options.ttl !== undefined ? { ttl: options.ttl } : {}),
  };
  if (options.cpus === 1) {
    // One worker: run the transform in this process, file by file, without jscodeshift's Runner. The
    // Runner's in-band mode calls the same transform but first builds a jscodeshift API object per
    // file (`withParser` → `enrichCore`, which our transforms never use); skipping it is most of the
    // codemod's overhead over a jscodeshift no-op (docs/codemods/evaluation.md). Results are the same
    // FileResults, through the same in-process sink.
    try {
      for (let i = 0; i < files.length; i++) {
        const file = files[i]!;
        let source: string;
        try {
          source = readFileSync(file, 'utf8');
        } catch (error) {
          results.set(file, { file, status: 'failed', applied: [], skipped: [], error: { message: `unreadable: ${(error as Error).message}` } });
          continue;
        }
        runTransform({ path: file, source }, undefined, transformOptions, options.transform);
        for (const r of sink.splice(0)) results.set(r.file, r);
        if (i % 50 === 49) {
          onProgress?.(results.size);
          // Let the terminal (and a Ctrl-C handler) in between batches.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
      onProgress?.(results.size);
      return results;
    } finally {
      inProcessSinks().delete(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const timer = onProgress ? setInterval(() => { drain(); onProgress(results.size); }, 150) : undefined;
  try {
    const stats = await runner.run(join(here, 'worker.js'), [...files], {
      dry: true,
      silent: true,
      babel: false,
      verbose: -1,
      cpus: options.cpus,
      runInBand: options.cpus === 1,
      boundedResults: dir,
      boundedTransforms: options.transform,
      ...(options.capacity !== undefined ? { capacity: options.capacity } : {}),
      ...(options.max !== undefined ? { max: options.max } : {}),
      ...(options.ttl !== undefined ? { ttl: options.ttl } : {}),
    });
    if (!stats) throw new Error('jscodeshift Runner did not start (worker transform missing?)');
    drain();
    onProgress?.(results.size);
    // Files the Runner counted as errors without a result line (unreadable files, crashed worker).
    for (const file of files) {
      if (!results.has(file)) {
        results.set(file, { file, status: 'failed', applied: [], skipped: [], error: { message: 'jscodeshift worker reported an error for this file (unreadable?)' } });
      }
    }
    return results;
  } finally {
    if (timer) clearInterval(timer);
    inProcessSinks().delete(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(paths: readonly string[], options: CliOptions, io: Io): Promise<number> {
  const colors = pc.createColors(Boolean(process.stdout.isTTY) && !options.json && !process.env['NO_COLOR']);
  const files = await discoverFiles(paths, options);
  const cwd = process.cwd();
  const rel = (f: string): string => {
    const r = relative(cwd, f);
    return r === '' || r.startsWith('..') || isAbsolute(r) ? f : r.split(sep).join('/');
  };

  if (!options.dry && !options.force) {
    const dirty = gitDirty(paths);
    if (dirty && dirty.length > 0) {
      throw new UsageError(
        `bounded-codemod: the git working tree has ${dirty.length} uncommitted change(s) under the given paths; commit or stash them, or pass --force (--dry is always allowed)`,
      );
    }
  }

  // 1. Transform every file in the workers.
  let bar: cliProgress.SingleBar | undefined;
  if (process.stderr.isTTY && !options.json && files.length > 0) {
    bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: 'bounded-codemod [{bar}] {value}/{total} files', clearOnComplete: true, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(files.length, 0);
  }
  const results = files.length > 0 ? await runWorkers(files, options, bar ? (n) => bar!.update(n) : undefined) : new Map<string, FileResult>();
  bar?.stop();

  // 2. Project-wide checks on the changed files.
  const originals = new Map<string, string>();
  const changed = new Map<string, { output: string; result: FileResult }>();
  for (const r of results.values()) {
    if (r.status === 'changed' && r.output !== undefined) {
      originals.set(r.file, readFileSync(r.file, 'utf8'));
      changed.set(r.file, { output: r.output, result: r });
    }
  }
  // Each changed file is checked in the project of its nearest tsconfig.json (monorepos have one per
  // package); files without one share an in-memory project (type-checked only with --typecheck).
  const groups = new Map<string | undefined, string[]>();
  const tsconfigOfDir = new Map<string, string | undefined>();
  const tsconfigOf = (file: string): string | undefined => {
    const dir = dirname(file);
    if (!tsconfigOfDir.has(dir)) tsconfigOfDir.set(dir, findTsconfig([file]));
    return tsconfigOfDir.get(dir);
  };
  for (const file of changed.keys()) {
    const key = tsconfigOf(file);
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  const anyTsconfig = changed.size > 0 ? [...groups.keys()].some((k) => k !== undefined) : findTsconfig(paths.map((p) => resolve(p))) !== undefined;
  const typecheck = options.typecheck ?? anyTsconfig;
  let check: ProjectCheckResult | undefined;
  if (changed.size > 0) {
    // ts-morph (and its TypeScript) is loaded only when a run has something to check.
    const { checkProject } = await import('./project-check.js');
    const outcomes = new Map<string, FileOutcome>();
    let ms = 0;
    for (const [tsconfig, group] of groups) {
      let result: ProjectCheckResult;
      try {
        result = checkProject({
          tsconfig,
          typecheck: typecheck && (tsconfig !== undefined || options.typecheck === true),
          files: group.map((file) => {
            const c = changed.get(file)!;
            return { file, original: originals.get(file)!, output: c.output, applied: c.result.applied, skipped: c.result.skipped };
          }),
          projectFiles: files,
          // Uses are rewritten only in files of this run that parsed and belong to this project (a
          // file of another tsconfig's project is checked, and may be rewritten, by that project).
          rewritable: (file) => results.get(file) !== undefined && results.get(file)!.status !== 'failed' && tsconfigOf(file) === tsconfig,
          rewrite: (file, exclude, edits, original) =>
            rewriteText(original, file, {
              transforms: options.transform,
              bounds: boundsFrom({ capacity: options.capacity, max: options.max, ttl: options.ttl }),
              exclude,
              edits,
            }),
        });
      } catch (error) {
        // A project that cannot be loaded (broken tsconfig, ...) cannot vouch for its rewrites.
        const reason = `type check could not run${tsconfig ? ` for ${relative(cwd, tsconfig) || tsconfig}` : ''}: ${firstLine((error as Error).message)}`;
        result = {
          ms: 0,
          files: new Map(group.map((file) => [file, { original: originals.get(file)!, output: originals.get(file)!, applied: changed.get(file)!.result.applied, skipped: changed.get(file)!.result.skipped, uses: [], reverted: reason }])),
        };
      }
      for (const [file, outcome] of result.files) {
        outcomes.set(file, outcome);
        // Files whose uses were rewritten although the workers left them unchanged.
        if (!originals.has(file)) originals.set(file, outcome.original);
      }
      ms += result.ms;
    }
    check = { files: outcomes, ms };
  }

  // 3. Final reports.
  const reports: FileReport[] = [];
  for (const file of files) {
    const r = results.get(file)!;
    const base = { file: rel(file), applied: r.applied, skipped: r.skipped };
    if (r.status === 'failed') {
      reports.push({ ...base, status: 'failed', ...(r.error ? { error: r.error } : {}) });
      continue;
    }
    const outcome = check?.files.get(file);
    if (!outcome) {
      reports.push({ ...base, status: 'unchanged' });
      continue;
    }
    const group = outcome.group && outcome.group.length > 1 ? { group: outcome.group.filter((g) => g !== file).map(rel) } : {};
    if (outcome.reverted) {
      reports.push({ ...base, applied: [], skipped: [...outcome.skipped, ...outcome.applied.map((a) => ({ ...a, message: `reverted: ${outcome.reverted}` }))].sort((a, b) => a.offset - b.offset), status: 'reverted', error: { message: outcome.reverted }, ...group });
      continue;
    }
    if (outcome.output === outcome.original) {
      reports.push({ ...base, applied: [], skipped: outcome.skipped, status: 'unchanged' });
      continue;
    }
    const uses = outcome.uses.map((u: CheckedUse): UseReport => ({ ...u, declaredIn: rel(u.declaredIn) }));
    reports.push({ ...base, applied: outcome.applied, skipped: outcome.skipped, status: 'changed', ...(uses.length > 0 ? { uses } : {}), ...group });
  }

  // 4. Write (atomically) or diff.
  let interrupted = false;
  const onSigint = (): void => { interrupted = true; };
  const diffs = new Map<string, string>();
  if (options.dry) {
    for (const report of reports) {
      if (report.status !== 'changed') continue;
      const abs = resolve(cwd, report.file);
      diffs.set(report.file, createTwoFilesPatch(report.file, report.file, originals.get(abs)!, check!.files.get(abs)!.output, '', '', { context: 3 }));
    }
  } else {
    process.on('SIGINT', onSigint);
    try {
      // A cross-file group (a rewritten member and its rewritten uses) is written as a unit: all its
      // files are checked first, and Ctrl-C is only honoured between units.
      const index = new Map(reports.map((r, i) => [resolve(cwd, r.file), i]));
      const units: string[][] = [];
      const placed = new Set<string>();
      for (const report of reports) {
        const abs = resolve(cwd, report.file);
        if (report.status !== 'changed' || placed.has(abs)) continue;
        const unit = (check!.files.get(abs)!.group ?? [abs]).filter((f) => reports[index.get(f) ?? -1]?.status === 'changed');
        for (const f of unit) placed.add(f);
        units.push(unit);
      }
      for (const unit of units) {
        const fail = (message: string): void => {
          for (const f of unit) reports[index.get(f)!] = { ...reports[index.get(f)!]!, status: 'failed', error: { message } };
        };
        if (interrupted) {
          fail('interrupted (Ctrl-C) before this file was written; it is unchanged');
          continue;
        }
        const stale = unit.find((f) => readFileSync(f, 'utf8') !== originals.get(f));
        if (stale) {
          fail(stale === unit[0] && unit.length === 1 ? 'file changed on disk during the run; left as is' : `${rel(stale)} changed on disk during the run; its cross-file group is left as is`);
          continue;
        }
        for (const f of unit) {
          const mode = statSync(f).mode;
          await writeFileAtomic(f, check!.files.get(f)!.output, { mode, fsync: false });
        }
      }
    } finally {
      process.off('SIGINT', onSigint);
    }
  }

  const summary: Summary = {
    scanned: files.length,
    changed: reports.filter((r) => r.status === 'changed').length,
    unchanged: reports.filter((r) => r.status === 'unchanged').length,
    failed: reports.filter((r) => r.status === 'failed').length,
    reverted: reports.filter((r) => r.status === 'reverted').length,
    rewrites: reports.reduce((n, r) => n + r.applied.length, 0),
    skipped: reports.reduce((n, r) => n + r.skipped.length, 0),
    uses: reports.reduce((n, r) => n + (r.status === 'changed' ? r.uses?.length ?? 0 : 0), 0),
  };
  const exitCode = summary.failed > 0 || summary.reverted > 0 || interrupted ? 1 : 0;

  if (options.json) {
    const json: JsonReport = {
      version: VERSION,
      dry: options.dry,
      transforms: options.transform,
      typecheck,
      summary,
      files: reports.map((r) => (diffs.has(r.file) ? { ...r, diff: diffs.get(r.file)! } : r)),
      exitCode,
    };
    io.out(`${JSON.stringify(json, null, 2)}\n`);
    return exitCode;
  }

  for (const [, diff] of diffs) io.out(colorDiff(diff, colors));
  printReport(reports, summary, { dry: options.dry, typecheck, files: files.length }, colors, io);
  if (interrupted) io.err('bounded-codemod: interrupted; every file is either unchanged or fully rewritten\n');
  return exitCode;
}

function colorDiff(diff: string, colors: ReturnType<typeof pc.createColors>): string {
  // Drop the "Index:"/"====" header createTwoFilesPatch emits; keep ---/+++/@@ hunks.
  const lines = diff.split('\n').filter((l, i) => !(i < 2 && (l.startsWith('Index: ') || /^=+$/.test(l))));
  return `${lines
    .map((l) =>
      l.startsWith('+++') || l.startsWith('---') ? colors.bold(l)
        : l.startsWith('@@') ? colors.cyan(l)
          : l.startsWith('+') ? colors.green(l)
            : l.startsWith('-') ? colors.red(l)
              : l,
    )
    .join('\n')
    .trimEnd()}\n`;
}

function printReport(
  reports: readonly FileReport[],
  summary: Summary,
  run: { dry: boolean; typecheck: boolean; files: number },
  colors: ReturnType<typeof pc.createColors>,
  io: Io,
): void {
  const failed = reports.filter((r) => r.status === 'failed');
  const reverted = reports.filter((r) => r.status === 'reverted');
  const skipped = reports.flatMap((r) => r.skipped.map((s) => ({ file: r.file, s })));
  if (failed.length > 0) {
    io.out(`\n${colors.red(colors.bold('Failed (left untouched):'))}\n`);
    for (const r of failed) {
      const at = r.error?.line !== undefined ? `:${r.error.line}:${r.error.column ?? 1}` : '';
      io.out(`  ${r.file}${at}  ${firstLine(r.error?.message ?? 'error')}\n`);
    }
  }
  if (reverted.length > 0) {
    io.out(`\n${colors.yellow(colors.bold('Reverted (the rewrite added type errors; file left untouched):'))}\n`);
    for (const r of reverted) io.out(`  ${r.file}  ${r.error?.message ?? ''}\n`);
  }
  const uses = reports.flatMap((r) => (r.status === 'changed' ? r.uses ?? [] : []).map((u) => ({ file: r.file, u })));
  if (uses.length > 0) {
    io.out(`\n${colors.bold(`Uses in other files ${run.dry ? 'that would be ' : ''}rewritten with their member:`)}\n`);
    for (const { file, u } of uses) io.out(`  ${file}:${u.line}:${u.column}  ${u.before} → ${u.after}  ('${u.name}' of ${u.declaredIn}:${u.declarationLine})\n`);
  }
  if (skipped.length > 0) {
    io.out(`\n${colors.yellow(colors.bold('Skipped findings (need a manual fix):'))}\n`);
    for (const { file, s } of skipped) io.out(`  ${file}:${s.line}:${s.column}  ${s.rule} '${s.name}': ${s.message}\n`);
  }
  const table = new Table({ head: ['scanned', run.dry ? 'would change' : 'changed', 'unchanged', 'skipped findings', 'failed', 'reverted'], style: { head: [], border: [] } });
  table.push([summary.scanned, summary.changed, summary.unchanged, summary.skipped, summary.failed, summary.reverted]);
  io.out(`\n${table.toString()}\n`);
  const verb = run.dry ? 'would rewrite' : 'rewrote';
  const parts = [
    `${summary.scanned} file(s) scanned`,
    `${verb} ${summary.rewrites} finding(s) in ${summary.changed} file(s)`,
    `${summary.skipped} skipped`,
    `${summary.failed} failed`,
    `${summary.reverted} reverted`,
    ...(summary.uses > 0 ? [`${summary.uses} use(s) in other files rewritten with them`] : []),
  ];
  const line = `bounded-codemod: ${parts.join(', ')}${run.dry ? ' (dry run, nothing written)' : ''}${run.typecheck ? '' : ' (no type check)'}`;
  io.out(`${summary.failed + summary.reverted > 0 ? colors.red(line) : colors.green(line)}\n`);
}

function firstLine(text: string): string {
  return text.split('\n')[0]!;
}
