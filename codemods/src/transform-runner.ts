/**
 * The glue between jscodeshift's transform signature and the edit engine ({@link rewriteText}). Every
 * transform in `transforms/` and the CLI's worker transform go through {@link runTransform}.
 *
 * Two modes:
 * - plain `jscodeshift -t <transform>`: a file that does not parse throws (jscodeshift counts an error
 *   and names the file), skipped findings go to `api.report` (printed as `REP <file> <reason>`);
 * - under the bounded-codemod CLI (`options.boundedResults` set): nothing is thrown or printed; the
 *   per-file result (status, new text, applied and skipped findings, parse error position) is appended
 *   as one JSON line to `<boundedResults>/<pid>.jsonl`, which the CLI reads after the run.
 * Files are never written here when running under the CLI (it runs jscodeshift with `dry: true` and
 * writes atomically itself after its checks).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

import type { API, FileInfo, Options } from 'jscodeshift';

import { ParseError, rewriteText, type Bounds, type FindingReport, type TransformName } from './apply.js';
import { parseDuration } from './duration.js';

/** One file's outcome as the worker reports it to the CLI. */
export interface FileResult {
  readonly file: string;
  readonly status: 'changed' | 'unchanged' | 'failed';
  /** The rewritten text (only when `status === 'changed'`). */
  readonly output?: string;
  readonly applied: readonly FindingReport[];
  readonly skipped: readonly FindingReport[];
  /** Parse error or unexpected transform error, with its 1-based position when known. */
  readonly error?: { readonly message: string; readonly line?: number; readonly column?: number };
}

const SINKS = Symbol.for('bounded-codemod/result-sinks');

/**
 * Result sinks of CLI runs in this process, by results directory: a worker transform running in the
 * CLI's process (jscodeshift `runInBand`) pushes its {@link FileResult}s there instead of appending
 * them to `<dir>/<pid>.jsonl` (saves a write per file). Shared through `globalThis` because jscodeshift
 * may load the transform as a separate module instance.
 */
export function inProcessSinks(): Map<string, FileResult[]> {
  const g = globalThis as { [SINKS]?: Map<string, FileResult[]> };
  return (g[SINKS] ??= new Map());
}

/**
 * Reads the bounds from transform options: `capacity` (entries of introduced RingBuffers),
 * `max` (entries of introduced TtlMap/TtlSet), `ttl` (ms, or a duration such as `10m`). Values arrive
 * as strings from the jscodeshift command line (`--capacity=500`) or as numbers from the CLI.
 * @throws {RangeError} when a value is not a positive number/duration.
 */
export function boundsFrom(options: Options): Bounds {
  const bounds: { capacity?: number; max?: number; ttl?: number } = {};
  const capacity = positiveInt(options['capacity'], 'capacity');
  const max = positiveInt(options['max'], 'max');
  const ttl = options['ttl'] === undefined ? undefined : parseDuration(options['ttl'] as string | number);
  if (capacity !== undefined) bounds['capacity'] = capacity;
  if (max !== undefined) bounds['max'] = max;
  if (ttl !== undefined) bounds['ttl'] = ttl;
  return bounds;
}

function positiveInt(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`bounded-codemod: --${name} must be a positive integer (got ${String(value)})`);
  return n;
}

/**
 * Runs the selected transforms on one file, in the mode described in the module comment.
 * @returns the new text, or undefined when nothing applies (the file stays byte-for-byte unchanged).
 */
export function runTransform(
  file: FileInfo,
  api: Pick<API, 'report'> | undefined,
  options: Options,
  transforms: readonly TransformName[],
): string | undefined {
  const resultsDir = typeof options['boundedResults'] === 'string' ? options['boundedResults'] : undefined;
  const record = (result: FileResult): void => {
    if (!resultsDir) return;
    // In the CLI's own process (jscodeshift runInBand), hand the result over in memory.
    const sink = inProcessSinks().get(resultsDir);
    if (sink) sink.push(result);
    else appendFileSync(join(resultsDir, `${process.pid}.jsonl`), `${JSON.stringify(result)}\n`);
  };
  let result;
  try {
    result = rewriteText(file.source, file.path, { transforms, bounds: boundsFrom(options) });
  } catch (error) {
    if (!resultsDir) throw error;
    const e = error as Error;
    record({
      file: file.path,
      status: 'failed',
      applied: [],
      skipped: [],
      error:
        error instanceof ParseError
          ? { message: stripPosition(e.message, file.path), line: error.line, column: error.column }
          : { message: `${e.name}: ${e.message}` },
    });
    return undefined;
  }
  const changed = result.output !== file.source;
  if (resultsDir) {
    record({
      file: file.path,
      status: changed ? 'changed' : 'unchanged',
      ...(changed ? { output: result.output } : {}),
      applied: result.applied,
      skipped: result.skipped,
    });
  } else if (api?.report) {
    for (const s of result.skipped) api.report(`${s.line}:${s.column} ${s.rule} '${s.name}' skipped: ${s.message}`);
  }
  return changed ? result.output : undefined;
}

/** `file:1:2: message` → `message` (the report names the file and position itself). */
function stripPosition(message: string, file: string): string {
  return message.startsWith(`${file}:`) ? message.replace(/^.*?:\d+:\d+: /, '') : message;
}
