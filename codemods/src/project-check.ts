/**
 * Project-wide safety of a codemod run, with ts-morph (its bundled TypeScript only: `ts` comes from
 * ts-morph, never from the `typescript` package, whose node kinds may differ).
 *
 * 1. Cross-file uses: a rewrite that turns a non-private member (a class field that is not `private`
 *    or `#private`, an exported module binding) into a RingBuffer/TtlMap changes its type for every
 *    other file too. Each reference in another file (`findReferencesAsNodes`) is classified
 *    ({@link useEdits}): a use the runtime covers as is (`x.events.push(e)`, `for (const e of
 *    x.events)`), a use with a rewrite (`x.events[0]` → `x.events.at(0)!`, `x.cache[k] = v` →
 *    `x.cache.set(k, v)`, `f(x.events)` → `f(x.events.toArray())`, the same rewrites the analysis
 *    applies inside the declaring file), or a use without one (`x.events.sort()`, `x.events = load()`,
 *    an unannotated alias). One use without a rewrite skips the finding with that use as the reason,
 *    and the declaring file is rewritten without it; otherwise the uses are rewritten in their files
 *    (only files of this run that parsed: a use elsewhere that needs an edit skips the finding too).
 *    The declaring file and every file whose uses were rewritten form a group that is written or
 *    reverted as a whole, so the project is never left half rewritten.
 * 2. Type check (`typecheck: true`): diagnostics of the changed files and of the files that import
 *    them, before and after the rewrite (in memory); a changed file whose rewrite adds a diagnostic
 *    (here or in a file importing it) is reverted with its whole cross-file group, and the first new
 *    diagnostic is the reason. Repeats until no new diagnostic remains. Diagnostics are compared as a
 *    multiset by code and message, except that more of an environment error the file already had (an
 *    unresolved `Buffer` without @types/node, a missing module) is not new ({@link newDiagnostics}).
 *    Cost: one program build plus one per revert round.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative } from 'node:path';

import { Node, Project, SyntaxKind, ts, type SourceFile } from 'ts-morph';

import { applyEdits, type FindingReport, type RewriteResult, type TextEdit } from './apply.js';

export { findTsconfig } from './tsconfig.js';

/** One changed file handed to {@link checkProject}. */
export interface CheckedFile {
  /** Absolute path. */
  readonly file: string;
  readonly original: string;
  readonly output: string;
  readonly applied: readonly FindingReport[];
  readonly skipped: readonly FindingReport[];
}

/** Input of {@link checkProject}. */
export interface ProjectCheckInput {
  /** tsconfig.json of the project, when there is one. */
  readonly tsconfig: string | undefined;
  readonly typecheck: boolean;
  readonly files: readonly CheckedFile[];
  /**
   * Re-runs the rewrite of one file from its original text (`original`, as read by the run) with some findings (declaration offsets)
   * excluded, after applying `edits` (offsets in the original text; the rewritten uses of other
   * files' members, see {@link RewriteOptions.edits}). Called for changed files with exclusions and
   * for every file whose uses are rewritten (also files the run did not change).
   */
  readonly rewrite: (file: string, exclude: ReadonlyMap<number, string>, edits: readonly TextEdit[], original: string) => RewriteResult;
  /**
   * The run's files, loaded so references in them are found: all of them when there is no tsconfig;
   * with one, those outside its `include` only when a visible member was rewritten (see checkProject).
   */
  readonly projectFiles?: readonly string[];
  /**
   * Whether the run may rewrite uses in a file (absolute path): the CLI passes the files it scanned
   * and parsed. Default: any file outside `node_modules` that is not a declaration file.
   */
  readonly rewritable?: (file: string) => boolean;
}

/** A use of another file's rewritten member, rewritten in this file. */
export interface UseReport {
  /** 1-based position of the reference (the member name) in the original text of the using file. */
  readonly line: number;
  readonly column: number;
  /** The finding's name (`events`, `static cache`). */
  readonly name: string;
  /** Absolute path of the file declaring the member, and the 1-based position of its declaration. */
  readonly declaredIn: string;
  readonly declarationLine: number;
  /** The use expression before and after (at most 80 characters each). */
  readonly before: string;
  readonly after: string;
}

/** What happens to one file: a changed file, or a file whose uses of a rewritten member were rewritten. */
export interface FileOutcome {
  /** The text on disk when the run read it. */
  readonly original: string;
  /** Final text (the original when reverted or when every finding was skipped). */
  readonly output: string;
  readonly applied: readonly FindingReport[];
  /** Every skipped finding of the file (the worker's plus the cross-file ones). */
  readonly skipped: readonly FindingReport[];
  /** Uses of other files' rewritten members rewritten here (empty when none or reverted). */
  readonly uses: readonly UseReport[];
  /**
   * Every file (absolute paths, sorted, this one included) that must be written or reverted together
   * with this one because a rewrite in one needs the edits in the others; absent when alone.
   */
  readonly group?: readonly string[];
  /** Set when the file was reverted: the first new type error, `file:line:col TS<code>: message`. */
  readonly reverted?: string;
}

export interface ProjectCheckResult {
  readonly files: Map<string, FileOutcome>;
  /** Milliseconds spent in ts-morph (load, references, diagnostics). */
  readonly ms: number;
}

/** Members of RingBuffer that behave like the Array members of the same name. */
const RING_BUFFER_MEMBERS = new Set([
  'push', 'unshift', 'shift', 'pop', 'clear', 'at', 'length', 'forEach', 'map', 'filter', 'find', 'some', 'every',
  'reduce', 'slice', 'indexOf', 'includes', 'join', 'toArray', 'toJSON', 'capacity',
]);

interface MutableOutcome {
  original: string;
  output: string;
  applied: FindingReport[];
  skipped: FindingReport[];
  uses: UseReport[];
  reverted?: string;
}

/** A finding whose uses in other files need edits, with those uses. */
interface Candidate {
  readonly file: string;
  readonly finding: FindingReport;
  readonly uses: readonly UseEdits[];
}

/**
 * Runs the cross-file check and (optionally) the type check; see the module comment.
 * Never writes a file.
 */
export function checkProject(input: ProjectCheckInput): ProjectCheckResult {
  const started = performance.now();
  const outcomes = new Map<string, MutableOutcome>();
  for (const f of input.files) outcomes.set(f.file, { original: f.original, output: f.output, applied: [...f.applied], skipped: [...f.skipped], uses: [] });
  const finish = (groups?: UnionFind): ProjectCheckResult => {
    const files = new Map<string, FileOutcome>();
    for (const [file, o] of outcomes) {
      const group = groups?.members(file);
      files.set(file, { ...o, ...(group && group.length > 1 ? { group } : {}) });
    }
    return { files, ms: performance.now() - started };
  };

  const root = input.tsconfig ? dirname(input.tsconfig) : process.cwd();
  // Which rewritten declarations other files can see (decided by the worker on the TSESTree): a run
  // whose rewrites are all private and without --typecheck never loads the project.
  const visible = new Map<string, FindingReport[]>();
  for (const f of [...input.files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const list = f.applied.filter((finding) => finding.visible !== false);
    if (list.length > 0) visible.set(f.file, list);
  }
  if (visible.size === 0 && !input.typecheck) return finish();

  const project = input.tsconfig
    ? // The project's own options, skipLibCheck included: a user with skipLibCheck off must not get
      // errors from the runtime's declaration files (checked below as files new to the program).
      new Project({ tsConfigFilePath: input.tsconfig, skipAddingFilesFromTsConfig: false })
    : new Project({ compilerOptions: { allowJs: true, skipLibCheck: true, strict: true, noEmit: true, types: [], target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler } });
  if (input.tsconfig) {
    // A tsconfig with errors (a missing `extends`, bad options) type-checks with options the user's
    // build does not use: its verdicts cannot be trusted.
    const configErrors = project.getConfigFileParsingDiagnostics();
    if (configErrors.length > 0) {
      const m = configErrors[0]!.getMessageText();
      throw new Error(typeof m === 'string' ? m : m.getMessageText());
    }
  }
  for (const f of input.files) {
    const sf = project.getSourceFile(f.file);
    if (sf) {
      if (sf.getFullText() !== stripBom(f.original)) sf.replaceWithText(stripBom(f.original));
    } else {
      project.createSourceFile(f.file, stripBom(f.original), { overwrite: true });
    }
  }
  // The run's other files, so references in them are found: all of them without a tsconfig; with one,
  // when a visible member was rewritten, also files its `include` leaves out (tests next to `src/`,
  // another package of a monorepo that imports this one's sources), JavaScript only with `allowJs`.
  const allowJs = !input.tsconfig || project.getCompilerOptions().allowJs === true;
  if (!input.tsconfig || visible.size > 0) {
    for (const p of input.projectFiles ?? []) {
      if ((allowJs || /\.[cm]?tsx?$/i.test(p)) && !project.getSourceFile(p)) project.addSourceFileAtPathIfExists(p);
    }
  }

  // 1. Cross-file uses (all analysis before the first edit: edits invalidate compiler nodes).
  const rewritable = input.rewritable ?? ((file: string) => !/[\\/]node_modules[\\/]/.test(file) && !/\.d\.[cm]?ts$/.test(file));
  const options = { noUncheckedIndexedAccess: project.getCompilerOptions().noUncheckedIndexedAccess === true };
  const exclusions = new Map<string, Map<number, string>>();
  const exclude = (file: string, finding: FindingReport, reason: string): void => {
    const map = exclusions.get(file) ?? new Map<number, string>();
    map.set(finding.offset, reason);
    exclusions.set(file, map);
  };
  /** Files that use a visible rewritten member of each changed file (also through re-exports). */
  const users = new Map<string, Set<string>>();
  const usersOf = (file: string): Set<string> => {
    let set = users.get(file);
    if (!set) users.set(file, (set = new Set()));
    return set;
  };
  const candidates: Candidate[] = [];
  for (const [file, findings] of visible) {
    const sf = project.getSourceFileOrThrow(file);
    for (const finding of findings) {
      const result = crossFileUses(sf, finding, root, usersOf(file), options);
      if (!result) continue;
      if ('problem' in result) {
        exclude(file, finding, result.problem);
        continue;
      }
      const elsewhere = result.uses.find((u) => !rewritable(u.file));
      if (elsewhere) {
        exclude(file, finding, `used in another file at ${elsewhere.where} (\`${elsewhere.before}\`), which needs a rewrite (\`${elsewhere.after}\`) in a file this run does not rewrite (outside the given paths, ignored, unparsable, or in another tsconfig project); run the codemod on it too, or rewrite the field by hand`);
        continue;
      }
      if (result.uses.length > 0) candidates.push({ file, finding, uses: result.uses });
    }
  }
  // Uses of two members inside one another (`a.events[b.events[0]]` is fine, `k in x.cache` with an
  // edit inside `x` is not) must not overlap: the later finding is skipped.
  const taken = new Map<string, { edit: TextEdit; owner: string }[]>();
  const accepted: Candidate[] = [];
  for (const c of candidates) {
    const owner = `'${c.finding.name}' of ${displayPath(root, c.file)}`;
    let clashWith: { use: UseEdits; owner: string } | undefined;
    for (const use of c.uses) {
      const hit = (taken.get(use.file) ?? []).find((t) => use.edits.some((e) => clash(e, t.edit)));
      if (hit) {
        clashWith = { use, owner: hit.owner };
        break;
      }
    }
    if (clashWith) {
      exclude(c.file, c.finding, `used in another file at ${clashWith.use.where} (\`${clashWith.use.before}\`) inside a rewritten use of ${clashWith.owner}; rewrite one of them by hand`);
      continue;
    }
    for (const use of c.uses) {
      const list = taken.get(use.file) ?? [];
      for (const edit of use.edits) list.push({ edit, owner });
      taken.set(use.file, list);
    }
    accepted.push(c);
  }
  // The edits per using file, and the groups of files written or reverted together.
  const groups = new UnionFind();
  const editsOf = new Map<string, TextEdit[]>();
  const usesOf = new Map<string, UseReport[]>();
  for (const c of accepted) {
    const declaration = project.getSourceFileOrThrow(c.file).getLineAndColumnAtPos(c.finding.offset);
    for (const use of c.uses) {
      groups.union(c.file, use.file);
      if (!editsOf.has(use.file)) editsOf.set(use.file, []);
      if (!usesOf.has(use.file)) usesOf.set(use.file, []);
      editsOf.get(use.file)!.push(...use.edits);
      usesOf.get(use.file)!.push({ line: use.line, column: use.column, name: c.finding.name, declaredIn: c.file, declarationLine: declaration.line, before: use.before, after: use.after });
    }
  }
  for (const file of new Set([...exclusions.keys(), ...editsOf.keys()])) {
    const original = outcomes.get(file)?.original ?? readFileSync(file, 'utf8');
    const edits = editsOf.get(file) ?? [];
    const shift = original.charCodeAt(0) === 0xfeff && project.getSourceFile(file)?.getFullText().charCodeAt(0) === 0xfeff ? 1 : 0;
    const result = input.rewrite(file, exclusions.get(file) ?? new Map(), shift ? edits.map((e) => ({ ...e, range: [e.range[0] - shift, e.range[1] - shift] as const })) : edits, original);
    const uses = (usesOf.get(file) ?? []).sort((a, b) => a.line - b.line || a.column - b.column);
    outcomes.set(file, { original, output: result.output, applied: [...result.applied], skipped: [...result.skipped], uses });
  }

  // 2. Type check.
  if (input.typecheck) {
    const changed = [...outcomes].filter(([, o]) => o.output !== o.original).map(([file, o]) => ({ file, original: o.original }));
    // Everything ts-morph knows about the files is read before the first edit (edits forget nodes).
    const checked = new Set<string>();
    /** For each checked file that is not changed: the changed files it imports. */
    const importsChanged = new Map<string, string[]>();
    const changedPaths = new Set(changed.map((f) => f.file));
    for (const f of changed) {
      checked.add(f.file);
      const dependents = [...project.getSourceFileOrThrow(f.file).getReferencingSourceFiles().map((d) => d.getFilePath() as string), ...(users.get(f.file) ?? [])];
      for (const path of new Set(dependents)) {
        checked.add(path);
        if (!changedPaths.has(path)) importsChanged.set(path, [...(importsChanged.get(path) ?? []), f.file]);
      }
    }
    // Before: the ts-morph program. After: plain compiler programs over an overlay of the new texts
    // (reusing every unchanged parsed file through `oldProgram`); ts-morph's own edit tracking is not
    // needed and forgets nodes it still resolves modules from.
    const base = project.getProgram().compilerObject;
    const before = new Map<string, Map<string, number>>();
    for (const path of checked) before.set(path, countDiagnostics(diagnosticsIn(base, path)));
    const overlay = new Map(changed.map((f) => [f.file, stripBom(outcomes.get(f.file)!.output)]));
    const readVirtual = (fileName: string): string | undefined => project.getModuleResolutionHost().readFile(fileName);
    let program = programWith(base, overlay, base, readVirtual);
    const globalBefore = countDiagnostics(base.getGlobalDiagnostics());

    const live = new Set(changedPaths);
    for (let round = 0; round <= changed.length && live.size > 0; round++) {
      const toRevert = new Map<string, string>();
      for (const path of checked) {
        const fresh = newDiagnostics(before.get(path)!, diagnosticsIn(program, path));
        if (fresh.length === 0) continue;
        const reason = describe(fresh[0]!, root);
        if (live.has(path)) {
          toRevert.set(path, reason);
        } else {
          // An unchanged file that imports a rewritten one broke: revert the rewritten files it imports.
          for (const dep of importsChanged.get(path) ?? []) if (live.has(dep)) toRevert.set(dep, reason);
        }
      }
      // Files the rewrites bring into the program (the runtime's .d.ts) and global diagnostics: blamed
      // on the live files whose rewrite adds the `bounded` import (all live files when none does).
      const fresh = [
        ...newDiagnostics(globalBefore, program.getGlobalDiagnostics()),
        ...program.getSourceFiles().filter((f) => !base.getSourceFile(f.fileName)).flatMap((f) => diagnosticsIn(program, f.fileName)),
      ];
      if (fresh.length > 0) {
        const reason = describe(fresh[0]!, root);
        const importers = [...live].filter((path) => importsRuntime(overlay.get(path) ?? '') && !importsRuntime(outcomes.get(path)!.original));
        for (const path of importers.length > 0 ? importers : [...live]) toRevert.set(path, reason);
      }
      if (toRevert.size === 0) break;
      // A group goes back as a whole: the declaring file without the uses' edits (or the reverse)
      // would not compile, or would leave the project half rewritten.
      for (const [path, reason] of [...toRevert]) {
        for (const member of groups.members(path)) {
          if (live.has(member) && !toRevert.has(member)) toRevert.set(member, `reverted with ${displayPath(root, path)}, whose rewrite it shares: ${reason}`);
        }
      }
      for (const [path, reason] of toRevert) {
        overlay.delete(path);
        const o = outcomes.get(path)!;
        outcomes.set(path, { ...o, output: o.original, reverted: reason });
        live.delete(path);
      }
      program = programWith(base, overlay, program, readVirtual);
    }
  }
  return finish(groups);
}

/** Disjoint sets of files (absolute paths): the cross-file groups. */
class UnionFind {
  readonly #parent = new Map<string, string>();

  #find(x: string): string {
    let root = x;
    while (this.#parent.has(root) && this.#parent.get(root) !== root) root = this.#parent.get(root)!;
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.#find(a);
    const rb = this.#find(b);
    if (!this.#parent.has(ra)) this.#parent.set(ra, ra);
    if (ra !== rb) this.#parent.set(rb, ra);
  }

  /** Every file in the set of `x` (sorted), `[x]` when alone. O(files). */
  members(x: string): string[] {
    const root = this.#find(x);
    const all = new Set<string>([x]);
    for (const k of this.#parent.keys()) if (this.#find(k) === root) all.add(k);
    return [...all].sort();
  }
}

/** Whether two edits conflict: they overlap, or both insert at the same offset (their order would be a guess). */
function clash(a: TextEdit, b: TextEdit): boolean {
  const [as, ae] = a.range;
  const [bs, be] = b.range;
  if (as === ae && bs === be) return as === bs;
  if (as === ae) return bs < as && as < be;
  if (bs === be) return as < bs && bs < ae;
  return as < be && bs < ae;
}

/** A program like `base` where the files of `overlay` (absolute path → text) have the new text. */
function programWith(base: ts.Program, overlay: ReadonlyMap<string, string>, old: ts.Program, readVirtual: (fileName: string) => string | undefined): ts.Program {
  const options = base.getCompilerOptions();
  const host = ts.createCompilerHost(options, true);
  const read = host.getSourceFile.bind(host);
  // ts-morph serves the lib files from its own (virtual) folder: point the host there, and read from
  // it the lib files the base program did not load — a rewrite that imports the runtime brings in
  // `/// <reference lib="esnext.disposable" />` of its declarations, which a project with
  // `lib: ["es2022"]` never loaded (the real file system has no such folder: TS6053).
  const lib = base.getSourceFiles().find((f) => base.isSourceFileDefaultLibrary(f));
  const libDir = lib ? dirname(lib.fileName) : undefined;
  if (libDir) {
    host.getDefaultLibLocation = () => libDir;
    host.getDefaultLibFileName = (o) => `${libDir}/${ts.getDefaultLibFileName(o)}`;
  }
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = overlay.get(fileName);
    if (text !== undefined) {
      // Parse the new text the way the base program parsed the old one: ts-morph's source files carry
      // no `impliedNodeFormat`, so module resolution of a rewritten file must not switch to ESM rules
      // (a `paths` entry that maps to a directory resolves in the base program; the same import would
      // fail under ESM resolution and read as a type error the rewrite introduced).
      const known = base.getSourceFile(fileName);
      const parseOptions = typeof languageVersion === 'object' ? { ...languageVersion, impliedNodeFormat: known?.impliedNodeFormat } : languageVersion;
      return ts.createSourceFile(fileName, text, parseOptions, true);
    }
    const known = base.getSourceFile(fileName);
    if (known) return known;
    if (libDir && dirname(fileName) === libDir) {
      const libText = readVirtual(fileName);
      if (libText !== undefined) return ts.createSourceFile(fileName, libText, languageVersion, true);
    }
    return read(fileName, languageVersion, onError, shouldCreate);
  };
  if (libDir) {
    const exists = host.fileExists.bind(host);
    host.fileExists = (fileName) => (dirname(fileName) === libDir && readVirtual(fileName) !== undefined) || exists(fileName);
  }
  return ts.createProgram({ rootNames: base.getRootFileNames(), options, host, oldProgram: old });
}

/** `file` relative to the project root, else to the current directory, else absolute. */
function displayPath(root: string, file: string): string {
  for (const base of [root, process.cwd()]) {
    const r = relative(base, file);
    if (r && !r.startsWith('..') && !isAbsolute(r)) return r;
  }
  return file;
}

/** The text without a leading byte order mark (TypeScript reads files without it; offsets are BOM-less). */
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Whether a text imports from the `bounded` runtime. */
function importsRuntime(text: string): boolean {
  return /\bfrom\s*['"]bounded['"]/.test(text);
}

function diagnosticsIn(program: ts.Program, path: string): readonly ts.Diagnostic[] {
  const compiled = program.getSourceFile(path);
  if (!compiled) return [];
  return [...program.getSyntacticDiagnostics(compiled), ...program.getSemanticDiagnostics(compiled)];
}

function key(d: ts.Diagnostic): string {
  return `${d.code}:${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
}

function countDiagnostics(list: readonly ts.Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of list) counts.set(key(d), (counts.get(key(d)) ?? 0) + 1);
  return counts;
}

/**
 * Codes of "the environment cannot resolve this": a name, namespace or global missing because type
 * definitions are not installed or `lib`/`types` leave them out (`Buffer` without @types/node), a
 * module or its declarations not found (no node_modules, a path alias). Checked against the bundled
 * TypeScript's diagnosticMessages (6.0): 2304/2552 Cannot find name, 2503/2833 namespace, 2580-2584,
 * 2591-2593, 2867/2868 install type definitions or change `lib`, 2318/2468 global type/value, 2688 type
 * definition file, 2307/2732/2792/2882 module, 7016 declaration file. Not 2311/2662/2663 (a name
 * misused in code: `await` outside async, a member without `this.`).
 */
const ENVIRONMENT_CODES = new Set([2304, 2552, 2503, 2833, 2580, 2581, 2582, 2583, 2584, 2591, 2592, 2593, 2867, 2868, 2318, 2468, 2688, 2307, 2732, 2792, 2882, 7016]);

/**
 * Diagnostics of `after` beyond the multiset `before` (by code and message, positions ignored as they
 * shift). Exception: an environment error ({@link ENVIRONMENT_CODES}) whose code and message the file
 * already had is a repeat of a problem the project already has, however often the rewrite repeats it
 * (a rewrite that writes a type again, `new TtlMap<number, Buffer[]>(...)`, repeats its unresolved
 * `Buffer`); a name or module the file did resolve before has another message and stays new. Seen on
 * ioredis checked without node_modules. O(before + after).
 */
function newDiagnostics(before: ReadonlyMap<string, number>, after: readonly ts.Diagnostic[]): ts.Diagnostic[] {
  const budget = new Map(before);
  const fresh: ts.Diagnostic[] = [];
  for (const d of after) {
    const k = key(d);
    const n = budget.get(k) ?? 0;
    if (n > 0) budget.set(k, n - 1);
    else if (!(ENVIRONMENT_CODES.has(d.code) && before.has(k))) fresh.push(d);
  }
  return fresh;
}

function describe(d: ts.Diagnostic, root: string): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
  let where = '';
  if (d.file && d.start !== undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    where = `${displayPath(root, d.file.fileName)}:${line + 1}:${character + 1} `;
  }
  const hint = d.code === 2307 && /'bounded'/.test(message) ? ' (install the runtime: npm install bounded)' : '';
  return `${where}TS${d.code}: ${message}${hint}`;
}

/** One use of a rewritten member in another file, with the edits that keep it working. */
interface UseEdits {
  /** Absolute path of the using file. */
  readonly file: string;
  /** `file:line:col` of the reference, for reasons. */
  readonly where: string;
  readonly line: number;
  readonly column: number;
  /** Offsets in the using file's text as ts-morph read it. */
  readonly edits: readonly TextEdit[];
  readonly before: string;
  readonly after: string;
}

/** What the rewritten declaration becomes: an array → RingBuffer, a record → TtlMap, a Map/Set → TtlMap/TtlSet. */
type Kind = 'array' | 'map' | 'record';

interface UseContext {
  /** Whether the using file is TypeScript (a non-null assertion may be written). */
  readonly ts: boolean;
  /** The project's `noUncheckedIndexedAccess`: index reads are already `T | undefined`. */
  readonly noUncheckedIndexedAccess: boolean;
}

/** A use as is (`edits` empty), a use with its edits and the node shown in reports, or no rewrite. */
type UseVerdict = { readonly edits: TextEdit[]; readonly shown?: Node } | { readonly problem: string; readonly why?: string };

/**
 * The uses of a rewritten declaration in other files that need edits, or the first use that has no
 * rewrite (`problem`, the skip reason); undefined when other files cannot see the declaration. Every
 * file referring to it is added to `users` (the type check looks at them).
 * Cost: one `findReferencesAsNodes` (about 0.5 s over 300 files) per visible finding.
 */
function crossFileUses(
  sf: SourceFile,
  finding: FindingReport,
  root: string,
  users: Set<string>,
  options: { readonly noUncheckedIndexedAccess: boolean },
): { problem: string } | { uses: UseEdits[] } | undefined {
  const declaration = visibleDeclaration(sf, finding);
  if (!declaration) return undefined;
  const nameNode = declaration.getNameNode();
  if (!Node.isIdentifier(nameNode)) return undefined;
  const initializer = declaration.getInitializer()?.getText() ?? '';
  const kind: Kind = finding.transform === 'ring-buffer' ? 'array' : /^\{/.test(initializer.trim()) ? 'record' : 'map';
  const what = kind === 'array' ? 'RingBuffer' : kind === 'record' ? 'TtlMap' : 'TtlMap/TtlSet';
  const uses: UseEdits[] = [];
  const seen = new Set<string>();
  const editsByFile = new Map<string, TextEdit[]>();
  for (const ref of nameNode.findReferencesAsNodes()) {
    const refFile = ref.getSourceFile();
    if (refFile === sf) continue;
    const path = refFile.getFilePath() as string;
    if (seen.has(`${path}:${ref.getStart()}`)) continue;
    seen.add(`${path}:${ref.getStart()}`);
    users.add(path);
    const { line, column } = refFile.getLineAndColumnAtPos(ref.getStart());
    const where = `${displayPath(root, path)}:${line}:${column}`;
    const verdict = useEdits(ref, kind, { ts: /\.[cm]?tsx?$/i.test(path), noUncheckedIndexedAccess: options.noUncheckedIndexedAccess });
    if ('problem' in verdict) {
      return { problem: `used in another file at ${where} (\`${verdict.problem}\`), which ${what} does not cover${verdict.why ? ` (${verdict.why})` : ''}; rewrite that use or the field by hand` };
    }
    if (verdict.edits.length === 0) continue;
    const list = editsByFile.get(path) ?? [];
    const shown = verdict.shown ?? ref;
    if (verdict.edits.some((e) => list.some((t) => clash(e, t)))) {
      return { problem: `used in another file at ${where} (\`${clip(shown.getText())}\`) inside another use of it; rewrite that use or the field by hand` };
    }
    list.push(...verdict.edits);
    editsByFile.set(path, list);
    const start = shown.getStart();
    const before = refFile.getFullText().slice(start, shown.getEnd());
    const after = applyEdits(before, verdict.edits.map((e) => ({ ...e, range: [e.range[0] - start, e.range[1] - start] as const })));
    uses.push({ file: path, where, line, column, edits: verdict.edits, before: clip(before), after: clip(after) });
  }
  return { uses };
}

/** A snippet of code on one line, at most 80 characters. */
function clip(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

/**
 * The declaration of a finding when other files can use it: a class field that is neither `private`
 * nor `#private` (protected counts: subclasses elsewhere), or an exported module-level binding.
 */
function visibleDeclaration(sf: SourceFile, finding: FindingReport) {
  const declaration = declarationAt(sf, finding);
  if (!declaration) return undefined;
  const nameNode = declaration.getNameNode();
  if (Node.isPrivateIdentifier(nameNode)) return undefined;
  if (Node.isPropertyDeclaration(declaration)) {
    return declaration.hasModifier(SyntaxKind.PrivateKeyword) ? undefined : declaration;
  }
  const statement = declaration.getVariableStatement();
  if (!statement || !Node.isSourceFile(statement.getParent())) return undefined;
  // `export const x` or `export { x }` (isExported() needs the binder, so read the syntax).
  if (statement.hasExportKeyword()) return declaration;
  const name = declaration.getName();
  const exported = sf.getExportDeclarations().some((d) => !d.getModuleSpecifier() && d.getNamedExports().some((e) => e.getName() === name));
  const defaulted = sf.getExportAssignments().some((e) => e.getExpression().getText() === name);
  return exported || defaulted ? declaration : undefined;
}

function declarationAt(sf: SourceFile, finding: FindingReport) {
  let node: Node | undefined = sf.getDescendantAtPos(finding.offset);
  while (node && !Node.isSourceFile(node)) {
    if (Node.isPropertyDeclaration(node) || Node.isVariableDeclaration(node)) return node;
    if (Node.isVariableStatement(node)) {
      const bare = finding.name.replace(/^static\s+/, '');
      return node.getDeclarations().find((d) => d.getName() === bare);
    }
    node = node.getParent();
  }
  return undefined;
}

/** `(x)` and `x!`: wrappers a use looks through (the rule's `outermost` also looks through them). */
function isWrapper(node: Node): boolean {
  return Node.isParenthesizedExpression(node) || Node.isNonNullExpression(node);
}

/** `node` with the parentheses and non-null assertions around it. */
function outermostOf(node: Node): Node {
  let current = node;
  for (let up = current.getParent(); up && isWrapper(up); up = current.getParent()) current = up;
  return current;
}

function isAssignmentOperator(kind: SyntaxKind): boolean {
  return kind >= SyntaxKind.FirstAssignment && kind <= SyntaxKind.LastAssignment;
}

/** `null`, `undefined` or `void x`. */
function isNullish(node: Node): boolean {
  return node.getKind() === SyntaxKind.NullKeyword || (Node.isIdentifier(node) && node.getText() === 'undefined') || Node.isVoidExpression(node);
}

/** Whether an earlier link of the member chain `expr` is optional (`a?.b.events`): a read through it is already possibly undefined. */
function chainIsOptional(expr: Node): boolean {
  let node: Node | undefined = expr;
  while (node && (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node) || Node.isCallExpression(node) || Node.isNonNullExpression(node))) {
    if (!Node.isNonNullExpression(node) && node.hasQuestionDotToken()) return true;
    node = node.getExpression();
  }
  return false;
}

/**
 * The rule's policy (rules/src/analysis/collections/rewrite.ts, `readsAsMaybeUndefined`): an index
 * read `member` is already treated as possibly undefined when it is asserted (`x[i]!`), the object of
 * an optional chain, the left of `??`/`||`/`&&`, compared with null/undefined, the operand of
 * `typeof`/`!`, or the test of an `if`/`?:`/loop.
 */
function readsAsMaybeUndefined(read: Node, member: Node): boolean {
  for (let node: Node = read; node !== member; node = node.getParentOrThrow()) {
    if (Node.isNonNullExpression(node.getParentOrThrow())) return true;
  }
  const up = member.getParent();
  if (!up) return false;
  if (Node.isPropertyAccessExpression(up) || Node.isElementAccessExpression(up) || Node.isCallExpression(up)) {
    return up.getExpression() === member && up.hasQuestionDotToken();
  }
  if (Node.isBinaryExpression(up)) {
    const op = up.getOperatorToken().getKind();
    if (op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.BarBarToken || op === SyntaxKind.AmpersandAmpersandToken) return up.getLeft() === member;
    if (op === SyntaxKind.EqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken || op === SyntaxKind.EqualsEqualsEqualsToken || op === SyntaxKind.ExclamationEqualsEqualsToken) {
      return isNullish(up.getLeft() === member ? up.getRight() : up.getLeft());
    }
    return false;
  }
  if (Node.isTypeOfExpression(up)) return true;
  if (Node.isPrefixUnaryExpression(up)) return up.getOperatorToken() === SyntaxKind.ExclamationToken;
  if (Node.isIfStatement(up) || Node.isWhileStatement(up) || Node.isDoStatement(up)) return up.getExpression() === member;
  if (Node.isConditionalExpression(up)) return up.getCondition() === member;
  if (Node.isForStatement(up)) return up.getCondition() === member;
  return false;
}

/** Whether `member` is written through destructuring or a for...of/for...in head (`[x.events[0]] = v`). */
function isDestructuringTarget(member: Node): boolean {
  let node = member;
  for (let up = node.getParent(); up; up = node.getParent()) {
    if ((Node.isForOfStatement(up) || Node.isForInStatement(up)) && up.getInitializer() === node) return true;
    if (Node.isBinaryExpression(up)) return node !== member && up.getOperatorToken().getKind() === SyntaxKind.EqualsToken && up.getLeft() === node;
    const container =
      Node.isArrayLiteralExpression(up) || Node.isObjectLiteralExpression(up) || Node.isSpreadElement(up) || Node.isSpreadAssignment(up) ||
      Node.isParenthesizedExpression(up) || (Node.isPropertyAssignment(up) && up.getInitializer() === node);
    if (!container) return false;
    node = up;
  }
  return false;
}

/**
 * How one reference `ref` (in another file) to a rewritten member keeps working, with the edits
 * (offsets in its file) that mirror the analysis' own rewrites of uses inside the declaring file
 * (rules/src/analysis/collections/rewrite.ts):
 * - array → RingBuffer: `x.events[i]` read → `x.events.at(i)`, with `!` in TypeScript unless the read
 *   is already treated as possibly undefined, the chain is optional or the project has
 *   `noUncheckedIndexedAccess` (the read's type stays what it was); `x.events.length = 0;` and
 *   `x.events = [];` → `x.events.clear();`; an argument (except `JSON.stringify`'s, which calls
 *   `toJSON`), a returned value, an assigned value, an array element, a property value, a template
 *   part, or the initializer of an annotated variable → `x.events.toArray()` (a copy: a callee that
 *   mutates the array it gets now mutates the copy); RingBuffer members, `for...of`, spreads, tests
 *   and `===` as they are;
 * - record → TtlMap: `x.cache[k]` → `x.cache.get(k)`, `x.cache[k] = v;` → `x.cache.set(k, v);`,
 *   `delete x.cache[k]` → `x.cache.delete(k)`, `k in x.cache` → `x.cache.has(k)`,
 *   `Object.keys/values/entries(x.cache)` → `[...x.cache.keys()]`;
 * - Map/Set → TtlMap/TtlSet: assignable to Map/Set, so everything but reassignment and `instanceof`
 *   as is.
 * Anything else is a `problem` (the finding is skipped). Type positions (`typeof x.events`,
 * `Log['events']`) and import/export specifiers need no edit: the type check judges them.
 */
function useEdits(ref: Node, kind: Kind, ctx: UseContext): UseVerdict {
  const none: UseVerdict = { edits: [] };
  const parent = ref.getParent();
  if (!parent) return { problem: clip(ref.getText()) };
  if (Node.isImportSpecifier(parent) || Node.isExportSpecifier(parent) || Node.isImportClause(parent) || Node.isNamespaceImport(parent) || Node.isExportAssignment(parent)) return none;
  if (ref.getFirstAncestor((a) => Node.isTypeNode(a) || Node.isTypeQuery(a))) return none;
  if (Node.isShorthandPropertyAssignment(parent) && parent.getNameNode() === ref) {
    if (kind === 'map') return none;
    if (kind === 'record') return { problem: clip(parent.getParentOrThrow().getText()), why: 'it is put in an object' };
    return { edits: [{ range: [ref.getEnd(), ref.getEnd()], text: `: ${ref.getText()}.toArray()` }], shown: parent };
  }
  const expr = Node.isPropertyAccessExpression(parent) && parent.getNameNode() === ref ? parent : ref;
  if (expr === ref && !Node.isIdentifier(ref)) return { problem: clip(parent.getText()), why: 'it is accessed by a computed key' };
  const top = outermostOf(expr);
  const outer = top.getParent();
  if (!outer) return { problem: clip(top.getText()) };
  const problem = (node: Node, why?: string): UseVerdict => ({ problem: clip(node.getText()), ...(why ? { why } : {}) });

  if (Node.isBinaryExpression(outer) && isAssignmentOperator(outer.getOperatorToken().getKind()) && outer.getLeft() === top) {
    if (kind === 'array') {
      const right = outer.getRight();
      const empty = Node.isArrayLiteralExpression(right) && right.getElements().length === 0;
      if (outer.getOperatorToken().getKind() === SyntaxKind.EqualsToken && empty && Node.isExpressionStatement(outer.getParent())) {
        return { edits: [{ range: [top.getEnd(), outer.getEnd()], text: '.clear()' }], shown: outer };
      }
    }
    return problem(outer, 'it is reassigned');
  }
  if (kind === 'map') {
    if (Node.isBinaryExpression(outer) && outer.getOperatorToken().getKind() === SyntaxKind.InstanceOfKeyword) return problem(outer, 'instanceof');
    return none; // TtlMap / TtlSet are assignable to Map / Set
  }
  if (kind === 'record') return recordUse(top, outer, problem);
  return arrayUse(expr, top, outer, ctx, problem);
}

function arrayUse(expr: Node, top: Node, outer: Node, ctx: UseContext, problem: (node: Node, why?: string) => UseVerdict): UseVerdict {
  const none: UseVerdict = { edits: [] };
  const toArray: UseVerdict = { edits: [{ range: [expr.getEnd(), expr.getEnd()], text: '.toArray()' }], shown: top };
  if (Node.isElementAccessExpression(outer) && outer.getExpression() === top) {
    const arg = outer.getArgumentExpression();
    if (!arg || Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg)) return problem(outer, 'it reads a member by a string key');
    const member = outermostOf(outer);
    const up = member.getParent();
    if (up && Node.isBinaryExpression(up) && isAssignmentOperator(up.getOperatorToken().getKind()) && up.getLeft() === member) return problem(up, 'it assigns by index');
    if (up && (Node.isPrefixUnaryExpression(up) || Node.isPostfixUnaryExpression(up)) && [SyntaxKind.PlusPlusToken, SyntaxKind.MinusMinusToken].includes(up.getOperatorToken())) return problem(up, 'it writes by index');
    if (up && Node.isDeleteExpression(up)) return problem(up, 'it deletes by index');
    if (isDestructuringTarget(member)) return problem(member, 'it writes by index as a destructuring or for...of target');
    const bang = ctx.ts && !ctx.noUncheckedIndexedAccess && !chainIsOptional(top) && !readsAsMaybeUndefined(outer, member);
    return {
      edits: [
        { range: [top.getEnd(), arg.getPos()], text: outer.hasQuestionDotToken() ? '?.at(' : '.at(' },
        // The closing `]` is the last character of an element access: whitespace before it stays.
        { range: [outer.getEnd() - 1, outer.getEnd()], text: bang ? ')!' : ')' },
      ],
      shown: outer,
    };
  }
  if (Node.isPropertyAccessExpression(outer) && outer.getExpression() === top) {
    const name = outer.getName();
    const member = outermostOf(outer);
    const up = member.getParent();
    const assigned = up && Node.isBinaryExpression(up) && isAssignmentOperator(up.getOperatorToken().getKind()) && up.getLeft() === member;
    if (assigned && name === 'length') {
      const right = up.getRight();
      if (up.getOperatorToken().getKind() === SyntaxKind.EqualsToken && Node.isNumericLiteral(right) && right.getLiteralValue() === 0 && member === outer && Node.isExpressionStatement(up.getParent())) {
        return { edits: [{ range: [top.getEnd(), up.getEnd()], text: '.clear()' }], shown: up };
      }
      return problem(up, 'it truncates with length = n');
    }
    if (assigned) return problem(up, `it assigns Array#${name}`);
    if (name === 'push' && up && Node.isCallExpression(up) && up.getExpression() === member && up.getArguments().some((a) => Node.isSpreadElement(a))) {
      return problem(up, 'it pushes a spread: RingBuffer#push evicts one item per argument, check the order');
    }
    if (RING_BUFFER_MEMBERS.has(name)) return none;
    return problem(up && !Node.isExpressionStatement(up) && !Node.isBlock(up) ? up : outer, `it uses Array#${name}, which RingBuffer does not provide`);
  }
  if (Node.isBinaryExpression(outer)) {
    const op = outer.getOperatorToken().getKind();
    if (op === SyntaxKind.EqualsToken && outer.getRight() === top) return toArray;
    if ([SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.ExclamationEqualsEqualsToken, SyntaxKind.QuestionQuestionToken, SyntaxKind.BarBarToken, SyntaxKind.AmpersandAmpersandToken].includes(op)) return none;
    return problem(outer);
  }
  if (Node.isForOfStatement(outer) && outer.getExpression() === top) return none;
  if (Node.isForInStatement(outer)) return problem(outer, 'it is iterated with for...in');
  if (Node.isSpreadElement(outer)) return none;
  if (Node.isSpreadAssignment(outer)) return problem(outer.getParentOrThrow(), 'it is spread into an object');
  if (Node.isIfStatement(outer) || Node.isExpressionStatement(outer) || Node.isVoidExpression(outer) || Node.isConditionalExpression(outer)) return none;
  if (Node.isPrefixUnaryExpression(outer) && outer.getOperatorToken() === SyntaxKind.ExclamationToken) return none;
  if (Node.isCallExpression(outer) || Node.isNewExpression(outer)) {
    if (outer.getExpression() === top) return problem(outer, 'it is called');
    if (Node.isCallExpression(outer) && outer.getExpression().getText().replace(/\s/g, '') === 'JSON.stringify' && outer.getArguments()[0] === top) return none;
    return toArray;
  }
  if (Node.isReturnStatement(outer) || Node.isArrayLiteralExpression(outer) || Node.isTemplateSpan(outer) || Node.isYieldExpression(outer) || Node.isAwaitExpression(outer)) return toArray;
  if (Node.isArrowFunction(outer) && outer.getBody() === top) return toArray;
  if (Node.isPropertyAssignment(outer) && outer.getInitializer() === top) return toArray;
  if ((Node.isVariableDeclaration(outer) || Node.isPropertyDeclaration(outer)) && outer.getInitializer() === top) {
    return outer.getTypeNode() ? toArray : problem(outer, `it is aliased as ${outer.getName()}`);
  }
  return problem(outer);
}

function recordUse(top: Node, outer: Node, problem: (node: Node, why?: string) => UseVerdict): UseVerdict {
  if (Node.isElementAccessExpression(outer) && outer.getExpression() === top) {
    const arg = outer.getArgumentExpression();
    if (!arg) return problem(outer);
    const member = outermostOf(outer);
    const up = member.getParent();
    const open = (method: string): TextEdit => ({ range: [top.getEnd(), arg.getPos()], text: `${outer.hasQuestionDotToken() ? '?.' : '.'}${method}(` });
    if (up && Node.isBinaryExpression(up) && isAssignmentOperator(up.getOperatorToken().getKind()) && up.getLeft() === member) {
      const right = up.getRight();
      if (up.getOperatorToken().getKind() === SyntaxKind.EqualsToken && member === outer && Node.isExpressionStatement(up.getParent())) {
        return {
          edits: [open('set'), { range: [arg.getEnd(), up.getOperatorToken().getEnd()], text: ',' }, { range: [right.getEnd(), up.getEnd()], text: ')' }],
          shown: up,
        };
      }
      return problem(up, 'it writes the record in an expression or with a compound operator');
    }
    if (up && Node.isDeleteExpression(up) && member === outer) {
      return {
        edits: [{ range: [up.getStart(), top.getStart()], text: '' }, open('delete'), { range: [outer.getEnd() - 1, outer.getEnd()], text: ')' }],
        shown: up,
      };
    }
    if (up && (Node.isPrefixUnaryExpression(up) || Node.isPostfixUnaryExpression(up)) && [SyntaxKind.PlusPlusToken, SyntaxKind.MinusMinusToken].includes(up.getOperatorToken())) return problem(up, 'it updates an entry in place');
    if (isDestructuringTarget(member)) return problem(member, 'it writes an entry as a destructuring or for...of target');
    return { edits: [open('get'), { range: [outer.getEnd() - 1, outer.getEnd()], text: ')' }], shown: outer };
  }
  if (Node.isPropertyAccessExpression(outer) && outer.getExpression() === top) return problem(outer, 'it reads a fixed key');
  if (Node.isBinaryExpression(outer) && outer.getOperatorToken().getKind() === SyntaxKind.InKeyword && outer.getRight() === top) {
    const left = outer.getLeft();
    return {
      edits: [{ range: [left.getStart(), left.getStart()], text: `${top.getText()}.has(` }, { range: [left.getEnd(), outer.getEnd()], text: ')' }],
      shown: outer,
    };
  }
  if (Node.isCallExpression(outer) && outer.getArguments().length === 1 && outer.getArguments()[0] === top) {
    const method = /^Object\s*\.\s*(keys|values|entries)$/.exec(outer.getExpression().getText())?.[1];
    if (method) {
      return {
        edits: [{ range: [outer.getStart(), top.getStart()], text: '[...' }, { range: [top.getEnd(), outer.getEnd()], text: `.${method}()]` }],
        shown: outer,
      };
    }
  }
  return problem(outer);
}
