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
  fileStyle,
  importEdit,
  isCommonJs,
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
  /**
   * Applied rewrites only: whether other files can use the declaration (a class field that is not
   * `private`/`#private`, an exported module binding), so the CLI checks their references.
   */
  readonly visible?: boolean;
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
   * Bounds of the structures the rewrites introduce (the CLI's --capacity/--max/--ttl). They replace
   * the analysis defaults in the named constants it introduces (`EVENTS_CAPACITY = 1000`,
   * `SESSIONS_MAX = 10_000`, `CACHE_TTL_MS = 10 * 60_000`); a TTL is only set where the analysis
   * introduces one (caches), never added to a plain Map/Set.
   */
  readonly bounds?: Bounds;
  /**
   * Declaration offsets (finding `range[0]` in the ORIGINAL text) of findings not to apply, with the
   * reason reported for each (used by the CLI's cross-file and type checks).
   */
  readonly exclude?: ReadonlyMap<number, string>;
  /**
   * Edits (offsets in the ORIGINAL text, after a byte order mark) applied before the analysis runs: the
   * CLI's cross-file check rewrites there the uses of another file's rewritten member (`l.events[0]` →
   * `l.events.at(0)!`). The analysis then runs on the edited text; reported offsets, lines and columns
   * stay those of the original text. They must not overlap each other.
   */
  readonly edits?: readonly TextEdit[];
}

/** Bounds of introduced structures: `capacity` and `max` in entries, `ttl` in ms. */
export interface Bounds {
  readonly capacity?: number;
  readonly max?: number;
  readonly ttl?: number;
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
export function rewriteText(input: string, filename: string, options: RewriteOptions): RewriteResult {
  // A byte order mark stays first: analyse the text after it (as TypeScript and ESLint do) and put it
  // back, so an insertion at offset 0 (an import) cannot land before it. Offsets are BOM-less.
  const bom = input.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const text = bom ? input.slice(1) : input;
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
  let commonJs = false;
  if (options.edits && options.edits.length > 0) {
    const sorted = sortEdits(options.edits);
    if (hasOverlap(sorted)) throw new RangeError('bounded-codemod: overlapping edits handed to rewriteText');
    current = applyEdits(text, sorted);
    toOriginal = inverseMapper(sorted);
    const forward = offsetMapper(sorted);
    excluded = new Map([...excluded].map(([offset, why]) => [forward(offset), why]));
  }

  for (let pass = 0; pass < MAX_PASSES; pass++) {
    // Path patterns (test folders, vendored code) are read relative to the working directory.
    const context = { ...parseSource(current, filename), cwd: process.cwd() };
    if (pass === 0) commonJs = isCommonJs(context.ast, filename, current);
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
      if (commonJs && finding.rewrite.imports.length > 0) {
        const names = finding.rewrite.imports.join(', ');
        const why = `CommonJS file: the rewrite needs the runtime (${names}); add \`const { ${names} } = require('bounded')\` (Node >= 20.19) and apply it by hand`;
        if (pass === 0) skipped.set(originalOffset, report(why, finding.rewrite.transform));
        continue;
      }
      chosen.push(options.bounds ? withBounds(finding, options.bounds) : finding);
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
        visible: isVisible(context.ast, f),
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
    output: current === text ? input : bom + current,
    applied,
    skipped: [...skipped.values()].sort((a, b) => a.offset - b.offset),
  };
}

export { isCommonJs };

/** Writes a number the way the analysis writes its defaults: `1000`, `10_000`, `250_000`. */
export function formatNumber(n: number): string {
  return n >= 10_000 ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '_') : String(n);
}

/** A TTL in ms as code: whole minutes as `N * 60_000` (the analysis default is `10 * 60_000`), else ms. */
export function formatTtl(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} * 60_000` : formatNumber(ms);
}

/** The finding with the values of the bound constants its rewrite introduces replaced by `bounds`. */
function withBounds(finding: Finding, bounds: Bounds): Finding {
  const rewrite = finding.rewrite!;
  const edits = rewrite.edits.map((edit) => {
    let text = edit.text;
    if (bounds.capacity !== undefined) text = text.replace(/\b(const [A-Z][A-Z0-9_]*_CAPACITY(?:_\d+)? = )[\d_]+/g, `$1${formatNumber(bounds.capacity)}`);
    if (bounds.max !== undefined) text = text.replace(/\b(const [A-Z][A-Z0-9_]*_MAX(?:_\d+)? = )[\d_]+/g, `$1${formatNumber(bounds.max)}`);
    if (bounds.ttl !== undefined) text = text.replace(/\b(const [A-Z][A-Z0-9_]*_TTL_MS(?:_\d+)? = )[\d_]+(?: \* [\d_]+)?/g, `$1${formatTtl(bounds.ttl)}`);
    return text === edit.text ? edit : { ...edit, text };
  });
  return { ...finding, rewrite: { ...rewrite, edits } };
}

/**
 * Whether other files can use the declaration of a finding: a class field (PropertyDefinition) whose
 * key is not `#private` and that is not `private`; a module-level binding that is exported
 * (`export const`, `export { x }`, `export default x`). Locals are not. Unknown shapes count as
 * visible (the cross-file check then decides). O(nodes on the path to the declaration).
 */
export function isVisible(program: TSESTree.Program, finding: Finding): boolean {
  const at = finding.range[0];
  const path: TSESTree.Node[] = [];
  let node: TSESTree.Node | undefined = program;
  while (node) {
    path.push(node);
    if (node.type === 'PropertyDefinition' && node.range[0] <= at && at < node.range[1]) {
      return node.key.type !== 'PrivateIdentifier' && node.accessibility !== 'private';
    }
    if (node.type === 'VariableDeclarator' && node.range[0] <= at && at < node.range[1]) break;
    node = childContaining(node, at);
  }
  const declarator = path[path.length - 1];
  if (declarator?.type !== 'VariableDeclarator') return true;
  const declaration = path[path.length - 2];
  const owner = path[path.length - 3];
  if (owner?.type === 'ExportNamedDeclaration') return true;
  if (owner?.type !== 'Program' || declaration?.type !== 'VariableDeclaration') return false;
  const name = declarator.id.type === 'Identifier' ? declarator.id.name : undefined;
  if (!name) return true;
  return program.body.some(
    (s) =>
      (s.type === 'ExportNamedDeclaration' && !s.source && s.specifiers.some((sp) => sp.local.type === 'Identifier' && sp.local.name === name)) ||
      (s.type === 'ExportDefaultDeclaration' && s.declaration.type === 'Identifier' && s.declaration.name === name),
  );
}

/** The child node of `node` whose range contains `offset` (a generic walk over node-valued keys). */
function childContaining(node: TSESTree.Node, offset: number): TSESTree.Node | undefined {
  for (const key of Object.keys(node)) {
    if (key === 'parent' || key === 'range' || key === 'loc') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    const candidates = Array.isArray(value) ? value : [value];
    for (const c of candidates) {
      if (c && typeof c === 'object' && typeof (c as TSESTree.Node).type === 'string' && Array.isArray((c as TSESTree.Node).range)) {
        const child = c as TSESTree.Node;
        if (child.range[0] <= offset && offset < child.range[1]) return child;
      }
    }
  }
  return undefined;
}

/** Whether a finding without a rewrite belongs to one of the selected transforms (by rule). */
function transformOfSkip(finding: Finding, selected: ReadonlySet<TransformName>): boolean {
  for (const t of selected) if (TRANSFORM_RULES[t].includes(finding.rule)) return true;
  return false;
}

/**
 * Edits sorted by start, insertions (empty ranges) before replacements at the same offset. The sort is stable, so insertions at the same offset keep their order in
 * `edits`: {@link rewriteText} lists the import edit first, then each accepted finding's edits in the
 * analysis' finding order (by declaration offset, then rule), each finding's edits in its own order.
 * Two findings of one class (a cache and a collection) that both insert named constants before the
 * class therefore get them in declaration order, on every run.
 */
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
 * Detects the file's style with the analysis' own `fileStyle` (the one the ESLint suggestions use), so
 * a suggestion and the codemod produce the same text: quote of the first import source (else of the
 * first `from`/`import`/`require(` string); semicolons when most top-level simple statements and class
 * fields end with one; line ending. O(top-level statements).
 */
export function detectStyle(program: ProgramLike, text: string): FileStyle {
  const style = fileStyle(program, text);
  return { quote: style.quote, semicolon: style.semi === ';', eol: style.eol };
}

/**
 * The edit that makes `names` importable from `bounded`: the analysis' own `importEdit`
 * (`eslint-plugin-bounded/analysis`), so the codemod's text is exactly the ESLint suggestion's —
 * merged into an existing value import, a type-only import of a wanted name converted, else a new
 * import after the last import / the directive prologue / a hashbang. Undefined when nothing is missing.
 */
export function importEditFor(program: ProgramLike, text: string, names: readonly string[]): TextEdit | undefined {
  return importEdit(program, text, names, RUNTIME_MODULE);
}
