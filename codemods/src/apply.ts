/**
 * The edit engine shared by every transform: runs the shared analysis (`eslint-plugin-bounded/analysis`)
 * on a file's text, applies the text edits of the findings whose rewrite belongs to the selected
 * transforms, and adds or merges `import { ... } from 'bounded'` in the file's own style. It never
 * detects anything itself: every finding comes from the analysis.
 *
 * Text in, text out: untouched code stays byte-identical (no reprinting), which is what keeps a diff
 * down to the rewritten lines. Complexity: O(n log n) in the number of edits plus one parse and
 * analysis per pass (one pass unless two rewrites overlap, see {@link rewriteText}).
 */
import {
  analyzeContext,
  parseSource,
  ParseError,
  type AnalysisOptions,
  type Finding,
  type TextEdit,
  type TransformName,
} from 'eslint-plugin-bounded/analysis';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

export { ParseError };
export type { AnalysisOptions, Finding, TextEdit, TransformName };

/** The runtime package the rewrites import from. */
export const RUNTIME_MODULE = 'bounded';

/** At most this many analysis passes per file (ESLint's autofix uses 10; one is the norm here). */
const MAX_PASSES = 5;

/** A finding as the codemod reports it: rule, field name and 1-based position in the ORIGINAL text. */
export interface FindingReport {
  readonly rule: Finding['rule'];
  readonly name: string;
  readonly transform?: TransformName;
  readonly line: number;
  readonly column: number;
  /** Start offset of the finding's declaration in the original text. */
  readonly offset: number;
  /** The suggestion description (applied rewrites) or the skip reason (skipped ones). */
  readonly message: string;
}

/** Result of {@link rewriteText} for one file. */
export interface RewriteResult {
  /** The new text; identical (===) to the input when nothing was applied. */
  readonly output: string;
  readonly applied: readonly FindingReport[];
  /** Findings of the selected transforms' rules that were left alone, with the reason. */
  readonly skipped: readonly FindingReport[];
}

/** Options of {@link rewriteText}. */
export interface RewriteOptions {
  /** Transforms whose rewrites are applied. */
  readonly transforms: readonly TransformName[];
  /** Options handed to the analysis, per rule (e.g. the capacity of introduced RingBuffers). */
  readonly analysis?: AnalysisOptions;
  /**
   * Declaration offsets (finding `range[0]` in the ORIGINAL text) of findings not to apply, with the
   * reason reported for each (used by the CLI's cross-file and type checks).
   */
  readonly exclude?: ReadonlyMap<number, string>;
}

/** Which rules each transform fixes (a finding of another rule never reaches that transform). */
export const TRANSFORM_RULES: Readonly<Record<TransformName, readonly Finding['rule'][]>> = {
  'ring-buffer': ['no-unbounded-collection'],
  'ttl-map': ['no-unbounded-collection', 'no-unbounded-cache'],
  'listener-cleanup': ['no-leaked-listener'],
  'interval-cleanup': ['no-leaked-interval'],
};

/**
 * Rewrites one file: analyses `text`, applies the edits of every finding whose `rewrite.transform` is
 * selected, then adds the runtime imports. When two rewrites overlap, the later one waits for the next
 * pass (the text is analysed again), so a second run never finds anything left to do.
 * @throws {ParseError} when the text does not parse (the caller leaves the file untouched).
 */
export function rewriteText(text: string, filename: string, options: RewriteOptions): RewriteResult {
  const selected = new Set<TransformName>(options.transforms);
  const rules = new Set(options.transforms.flatMap((t) => TRANSFORM_RULES[t]));
  const lines = lineStarts(text);
  const applied: FindingReport[] = [];
  const skipped = new Map<number, FindingReport>();
  // Offsets (in the current text) of findings excluded by the caller, mapped through every pass.
  let excluded = new Map(options.exclude ?? []);
  // Maps an offset of the current text back to the original text (identity until the first pass).
  let toOriginal: (offset: number) => number = (offset) => offset;
  let current = text;

  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const context = parseSource(current, filename);
    const findings = analyzeContext(context, options.analysis ?? {});
    const chosen: Finding[] = [];
    for (const finding of findings) {
      if (!rules.has(finding.rule)) continue;
      const originalOffset = toOriginal(finding.range[0]);
      const report = (message: string, transform?: TransformName): FindingReport => ({
        rule: finding.rule,
        name: finding.name,
        ...(transform ? { transform } : {}),
        ...position(lines, originalOffset),
        offset: originalOffset,
        message,
      });
      const reason = excluded.get(finding.range[0]);
      if (reason !== undefined) {
        if (finding.rewrite) skipped.set(originalOffset, report(reason, finding.rewrite.transform));
        continue;
      }
      if (!finding.rewrite) {
        if (pass === 0 && finding.skipReason && transformOfSkip(finding, selected)) {
          skipped.set(originalOffset, report(finding.skipReason));
        }
        continue;
      }
      if (!selected.has(finding.rewrite.transform)) continue;
      chosen.push(finding);
    }

    const { edits, accepted } = pickNonOverlapping(chosen);
    if (accepted.length === 0) break;
    const imports = [...new Set(accepted.flatMap((f) => f.rewrite!.imports))];
    const importEdit = imports.length > 0 ? importEditFor(context.ast, current, imports) : undefined;
    const all = importEdit ? [importEdit, ...edits] : edits;
    const next = applyEdits(current, all);
    for (const f of accepted) {
      const originalOffset = toOriginal(f.range[0]);
      skipped.delete(originalOffset);
      applied.push({
        rule: f.rule,
        name: f.name,
        transform: f.rewrite!.transform,
        ...position(lines, originalOffset),
        offset: originalOffset,
        message: f.rewrite!.description,
      });
    }
    if (next === current) break;
    const forward = offsetMapper(sortEdits(all));
    const back = inverseMapper(sortEdits(all));
    const previousBack = toOriginal;
    toOriginal = (offset) => previousBack(back(offset));
    excluded = new Map([...excluded].map(([offset, why]) => [forward(offset), why]));
    current = next;
    // Only overlapping rewrites need another pass; without them the text is final.
    if (accepted.length === chosen.length) break;
  }

  applied.sort((a, b) => a.offset - b.offset);
  return {
    output: current === text ? text : current,
    applied,
    skipped: [...skipped.values()].sort((a, b) => a.offset - b.offset),
  };
}

/** Whether a finding without a rewrite belongs to one of the selected transforms (by rule). */
function transformOfSkip(finding: Finding, selected: ReadonlySet<TransformName>): boolean {
  for (const t of selected) if (TRANSFORM_RULES[t].includes(finding.rule)) return true;
  return false;
}

/** Edits sorted by start, insertions (empty ranges) before replacements at the same offset. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
}

/**
 * Chooses, in finding order, the findings whose edits overlap neither each other nor an earlier
 * chosen finding's edits. Two insertions at the same offset do not overlap; an insertion strictly
 * inside a replaced range does.
 */
export function pickNonOverlapping(findings: readonly Finding[]): { edits: TextEdit[]; accepted: Finding[] } {
  const taken: TextEdit[] = [];
  const accepted: Finding[] = [];
  for (const f of findings) {
    const own = f.rewrite!.edits;
    if (hasOverlap(own)) continue; // a malformed rewrite is never applied
    if (own.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...own);
    accepted.push(f);
  }
  return { edits: taken, accepted };
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  const [as, ae] = a.range;
  const [bs, be] = b.range;
  if (as === ae && bs === be) return false; // two insertions
  if (as === ae) return bs < as && as < be;
  if (bs === be) return as < bs && bs < ae;
  return as < be && bs < ae;
}

function hasOverlap(edits: readonly TextEdit[]): boolean {
  const sorted = sortEdits(edits);
  for (let i = 1; i < sorted.length; i++) if (overlaps(sorted[i - 1]!, sorted[i]!)) return true;
  return false;
}

/**
 * Applies non-overlapping edits to `text` (offsets into `text`); text outside the edits is copied
 * byte for byte. Insertions at the same offset keep their order in `edits`.
 * @throws {RangeError} when an edit is out of bounds or two edits overlap.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = sortEdits(edits);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    const [start, end] = edit.range;
    if (start < at || end < start || end > text.length) {
      throw new RangeError(`bounded-codemod: edit [${start}, ${end}) overlaps another edit or is out of bounds`);
    }
    out += text.slice(at, start) + edit.text;
    at = end;
  }
  return out + text.slice(at);
}

/** Maps an offset of the old text to the new text after `edits` (sorted). Offsets inside a replaced range go to its start. */
function offsetMapper(edits: readonly TextEdit[]): (offset: number) => number {
  return (offset) => {
    let delta = 0;
    for (const e of edits) {
      const [s, end] = e.range;
      if (s > offset || (s === offset && end > s)) break;
      if (end > offset) return s + delta;
      delta += e.text.length - (end - s);
    }
    return offset + delta;
  };
}

/** Maps an offset of the new text back to the old text (offsets inside inserted text go to the edit start). */
function inverseMapper(edits: readonly TextEdit[]): (offset: number) => number {
  return (offset) => {
    let delta = 0;
    for (const e of edits) {
      const [s, end] = e.range;
      const newStart = s + delta;
      const newEnd = newStart + e.text.length;
      if (offset < newStart) break;
      if (offset < newEnd || (offset === newEnd && e.text.length > 0 && end === s)) return s;
      delta += e.text.length - (end - s);
    }
    return offset - delta;
  };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset. */
function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

// ---------------------------------------------------------------------------------------------------
// Imports

type ProgramLike = TSESTree.Program;

/** The file's conventions, as far as an inserted import needs them. */
export interface FileStyle {
  readonly quote: "'" | '"';
  readonly semicolon: boolean;
  readonly eol: '\n' | '\r\n';
}

/**
 * Detects the quote style (first import source, else first string literal), the semicolon habit (first
 * import or top-level statement) and the line ending of a file.
 */
export function detectStyle(program: ProgramLike, text: string): FileStyle {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const firstImport = program.body.find((s) => s.type === 'ImportDeclaration');
  // The quote of the first import source, else the majority of string literals (directives excluded).
  let quote: "'" | '"' = "'";
  if (firstImport?.type === 'ImportDeclaration') {
    quote = firstImport.source.raw.startsWith('"') ? '"' : "'";
  } else {
    const directives = new Set(program.body.filter((s) => s.type === 'ExpressionStatement' && typeof s.directive === 'string').map((s) => s.range[0]));
    let single = 0;
    let double = 0;
    for (const token of program.tokens ?? []) {
      if (token.type !== 'String' || directives.has(token.range[0])) continue;
      if (token.value.startsWith('"')) double++;
      else single++;
    }
    if (double > single) quote = '"';
  }
  const sample =
    firstImport ??
    program.body.find((s) =>
      ['VariableDeclaration', 'ExpressionStatement', 'ImportDeclaration', 'ExportNamedDeclaration'].includes(s.type),
    );
  const semicolon = sample ? text.slice(sample.range[0], sample.range[1]).trimEnd().endsWith(';') : true;
  return { quote, semicolon, eol };
}

/**
 * The edit that makes `names` importable from `bounded`: merged into an existing value import of
 * `bounded` (names it already imports are not repeated), else a new import after the last import
 * declaration, else before the first statement (after directives such as `'use strict'`).
 * Returns undefined when every name is already imported.
 */
export function importEditFor(program: ProgramLike, text: string, names: readonly string[]): TextEdit | undefined {
  const style = detectStyle(program, text);
  const imports = program.body.filter((s): s is TSESTree.ImportDeclaration => s.type === 'ImportDeclaration');
  const fromRuntime = imports.filter((s) => s.source.value === RUNTIME_MODULE && s.importKind !== 'type');
  const have = new Set<string>();
  for (const decl of fromRuntime) {
    for (const spec of decl.specifiers) {
      if (spec.type === 'ImportSpecifier' && spec.importKind !== 'type') {
        const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
        if (spec.local.name === imported) have.add(imported);
      }
    }
  }
  const missing = names.filter((n) => !have.has(n));
  if (missing.length === 0) return undefined;

  // Merge into `import { A } from 'bounded'` (named specifiers only, no default/namespace).
  const mergeable = fromRuntime.find(
    (d) => d.specifiers.length > 0 && d.specifiers.every((s) => s.type === 'ImportSpecifier'),
  );
  if (mergeable) {
    const last = mergeable.specifiers[mergeable.specifiers.length - 1]!;
    return { range: [last.range[1], last.range[1]], text: missing.map((n) => `, ${n}`).join('') };
  }

  const statement = `import { ${missing.join(', ')} } from ${style.quote}${RUNTIME_MODULE}${style.quote}${style.semicolon ? ';' : ''}`;
  const lastImport = imports[imports.length - 1];
  if (lastImport) {
    const end = lastImport.range[1];
    return { range: [end, end], text: `${style.eol}${statement}` };
  }
  const first = program.body.find((s) => !(s.type === 'ExpressionStatement' && typeof s.directive === 'string'));
  if (!first) {
    const lastDirective = program.body[program.body.length - 1];
    const at = lastDirective ? lastDirective.range[1] : 0;
    return { range: [at, at], text: lastDirective ? `${style.eol}${statement}${style.eol}` : `${statement}${style.eol}` };
  }
  const start = attachedCommentStart(program, text, first.range[0]);
  return { range: [start, start], text: `${statement}${style.eol}${style.eol}` };
}

/**
 * Start of the comment block attached to the statement at `start` (comments separated from it by
 * whitespace without a blank line, e.g. its JSDoc), so a new import goes above the block rather than
 * between a docstring and its class. A hashbang and a header separated by a blank line stay on top.
 */
function attachedCommentStart(program: ProgramLike, text: string, start: number): number {
  const comments = [...(program.comments ?? [])].filter((c) => c.range[1] <= start).sort((a, b) => b.range[0] - a.range[0]);
  let at = start;
  for (const c of comments) {
    const gap = text.slice(c.range[1], at);
    if (!/^[ \t]*\r?\n?[ \t]*$/.test(gap) || text.startsWith('#!', c.range[0])) break;
    at = c.range[0];
  }
  // Keep indentation-free insertion at the start of the line.
  return at;
}
