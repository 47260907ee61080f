/**
 * Project-wide safety of a codemod run, with ts-morph (its bundled TypeScript only: `ts` comes from
 * ts-morph, never from the `typescript` package, whose node kinds may differ).
 *
 * 1. Cross-file uses: a rewrite that turns a non-private member (a class field that is not `private`
 *    or `#private`, an exported module binding) into a RingBuffer/TtlMap changes its type for every
 *    other file too. Each reference in another file (`findReferencesAsNodes`) is classified; when one
 *    uses the member in a way the runtime API does not cover (`x.events[0]`, `x.events = [...]`,
 *    `x.cache[key]`), the finding is skipped with that reason and the file is rewritten without it,
 *    so the project is never left half rewritten.
 * 2. Type check (`typecheck: true`): diagnostics of the changed files and of the files that import
 *    them, before and after the rewrite (in memory); a changed file whose rewrite adds a diagnostic
 *    (here or in a file importing it) is reverted, and the first new diagnostic is the reason.
 *    Repeats until no new diagnostic remains. Cost: one program build plus one per revert round.
 */
import { dirname, isAbsolute, relative } from 'node:path';

import { Node, Project, SyntaxKind, ts, type SourceFile } from 'ts-morph';

import type { FindingReport, RewriteResult } from './apply.js';

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
  /** Re-runs the rewrite of one file with some findings (declaration offsets) excluded. */
  readonly rewrite: (file: string, exclude: ReadonlyMap<number, string>) => RewriteResult;
  /** Files to load when there is no tsconfig (so references in them are found). */
  readonly projectFiles?: readonly string[];
}

/** What happens to one changed file. */
export interface FileOutcome {
  /** Final text (the original when reverted or when every finding was skipped). */
  readonly output: string;
  readonly applied: readonly FindingReport[];
  /** Every skipped finding of the file (the worker's plus the cross-file ones). */
  readonly skipped: readonly FindingReport[];
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

/**
 * Runs the cross-file check and (optionally) the type check; see the module comment.
 * Never writes a file.
 */
export function checkProject(input: ProjectCheckInput): ProjectCheckResult {
  const started = performance.now();
  const outcomes = new Map<string, { output: string; applied: FindingReport[]; skipped: FindingReport[]; reverted?: string }>();
  for (const f of input.files) outcomes.set(f.file, { output: f.output, applied: [...f.applied], skipped: [...f.skipped] });

  const root = input.tsconfig ? dirname(input.tsconfig) : process.cwd();
  // Which rewritten declarations other files can see (decided by the worker on the TSESTree): a run
  // whose rewrites are all private and without --typecheck never loads the project.
  const visible = new Map<string, FindingReport[]>();
  for (const f of input.files) {
    const list = f.applied.filter((finding) => finding.visible !== false);
    if (list.length > 0) visible.set(f.file, list);
  }
  if (visible.size === 0 && !input.typecheck) return { files: outcomes as Map<string, FileOutcome>, ms: performance.now() - started };

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
  if (!input.tsconfig) for (const p of input.projectFiles ?? []) if (!project.getSourceFile(p)) project.addSourceFileAtPathIfExists(p);

  // 1. Cross-file uses (all analysis before the first edit: edits invalidate compiler nodes).
  const exclusions = new Map<string, Map<number, string>>();
  /** Files that use a visible rewritten member of each changed file (also through re-exports). */
  const users = new Map<string, Set<string>>();
  const usersOf = (file: string): Set<string> => {
    let set = users.get(file);
    if (!set) users.set(file, (set = new Set()));
    return set;
  };
  for (const [file, findings] of visible) {
    const sf = project.getSourceFileOrThrow(file);
    for (const finding of findings) {
      const reason = crossFileProblem(sf, finding, root, usersOf(file));
      if (reason) {
        const map = exclusions.get(file) ?? new Map<number, string>();
        map.set(finding.offset, reason);
        exclusions.set(file, map);
      }
    }
  }
  for (const [file, exclude] of exclusions) {
    const result = input.rewrite(file, exclude);
    outcomes.set(file, { output: result.output, applied: [...result.applied], skipped: [...result.skipped] });
  }

  // 2. Type check.
  if (input.typecheck) {
    const changed = input.files.filter((f) => outcomes.get(f.file)!.output !== f.original);
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
    let program = programWith(base, overlay, base);
    const globalBefore = countDiagnostics(base.getGlobalDiagnostics());

    const live = new Set(changedPaths);
    for (let round = 0; round <= changed.length && live.size > 0; round++) {
      const toRevert = new Map<string, string>();
      for (const path of checked) {
        const fresh = newDiagnostics(before.get(path)!, diagnosticsIn(program, path));
        if (fresh.length === 0) continue;
        const reason = describe(fresh[0]!, input.tsconfig ? dirname(input.tsconfig) : process.cwd());
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
        const reason = describe(fresh[0]!, input.tsconfig ? dirname(input.tsconfig) : process.cwd());
        const importers = [...live].filter((path) => importsRuntime(overlay.get(path) ?? '') && !importsRuntime(input.files.find((x) => x.file === path)!.original));
        for (const path of importers.length > 0 ? importers : [...live]) toRevert.set(path, reason);
      }
      if (toRevert.size === 0) break;
      for (const [path, reason] of toRevert) {
        const f = input.files.find((x) => x.file === path)!;
        overlay.delete(path);
        const o = outcomes.get(path)!;
        outcomes.set(path, { ...o, output: f.original, reverted: reason });
        live.delete(path);
      }
      program = programWith(base, overlay, program);
    }
  }
  return { files: outcomes as Map<string, FileOutcome>, ms: performance.now() - started };
}

/** A program like `base` where the files of `overlay` (absolute path → text) have the new text. */
function programWith(base: ts.Program, overlay: ReadonlyMap<string, string>, old: ts.Program): ts.Program {
  const options = base.getCompilerOptions();
  const host = ts.createCompilerHost(options, true);
  const read = host.getSourceFile.bind(host);
  // ts-morph serves the lib files from its own (virtual) folder: point the host there.
  const lib = base.getSourceFiles().find((f) => base.isSourceFileDefaultLibrary(f));
  if (lib) {
    const libDir = dirname(lib.fileName);
    host.getDefaultLibLocation = () => libDir;
    host.getDefaultLibFileName = (o) => `${libDir}/${ts.getDefaultLibFileName(o)}`;
  }
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = overlay.get(fileName);
    if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true);
    return base.getSourceFile(fileName) ?? read(fileName, languageVersion, onError, shouldCreate);
  };
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

/** Diagnostics of `after` beyond the multiset `before` (by code and message, positions ignored as they shift). */
function newDiagnostics(before: ReadonlyMap<string, number>, after: readonly ts.Diagnostic[]): ts.Diagnostic[] {
  const budget = new Map(before);
  const fresh: ts.Diagnostic[] = [];
  for (const d of after) {
    const k = key(d);
    const n = budget.get(k) ?? 0;
    if (n > 0) budget.set(k, n - 1);
    else fresh.push(d);
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

/**
 * Why a rewritten declaration cannot be rewritten because of its uses in other files, or undefined.
 * Only non-private class fields and exported module bindings can be used elsewhere.
 */
function crossFileProblem(sf: SourceFile, finding: FindingReport, root: string, users: Set<string>): string | undefined {
  const declaration = visibleDeclaration(sf, finding);
  if (!declaration) return undefined;
  const nameNode = declaration.getNameNode();
  if (!Node.isIdentifier(nameNode)) return undefined;
  const initializer = declaration.getInitializer()?.getText() ?? '';
  const kind: 'array' | 'map' | 'record' =
    finding.transform === 'ring-buffer' ? 'array' : /^\{/.test(initializer.trim()) ? 'record' : 'map';
  for (const ref of nameNode.findReferencesAsNodes()) {
    if (ref.getSourceFile() === sf) continue;
    users.add(ref.getSourceFile().getFilePath());
    const problem = uncoveredUse(ref, kind);
    if (problem) {
      const { line, column } = ref.getSourceFile().getLineAndColumnAtPos(ref.getStart());
      const where = `${displayPath(root, ref.getSourceFile().getFilePath())}:${line}:${column}`;
      const what = kind === 'array' ? 'RingBuffer' : kind === 'record' ? 'TtlMap' : 'TtlMap/TtlSet';
      return `used in another file at ${where} (\`${problem}\`), which ${what} does not cover; rewrite that use or the field by hand`;
    }
  }
  return undefined;
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

/** The use of `ref` (an identifier referring to the member) when the runtime structure does not support it. */
function uncoveredUse(ref: Node, kind: 'array' | 'map' | 'record'): string | undefined {
  // The expression that denotes the member: `x.events` / `events`.
  let expr: Node = ref;
  const parent = ref.getParent();
  if (parent && Node.isPropertyAccessExpression(parent) && parent.getNameNode() === ref) expr = parent;
  const outer = expr.getParent();
  if (!outer) return undefined;
  const text = outer.getText().length > 80 ? `${outer.getText().slice(0, 77)}...` : outer.getText();
  // Import/export specifiers and type queries do not use the value.
  if (Node.isImportSpecifier(outer) || Node.isExportSpecifier(outer) || Node.isTypeQuery(outer)) return undefined;
  if (Node.isBinaryExpression(outer) && outer.getLeft() === expr && outer.getOperatorToken().getKind() >= SyntaxKind.FirstAssignment && outer.getOperatorToken().getKind() <= SyntaxKind.LastAssignment) return text;
  if (kind === 'map') {
    if (Node.isBinaryExpression(outer) && outer.getOperatorToken().getKind() === SyntaxKind.InstanceOfKeyword) return text;
    return undefined; // TtlMap / TtlSet are assignable to Map / Set
  }
  if (kind === 'record') return text;
  // Arrays → RingBuffer.
  if (Node.isPropertyAccessExpression(outer) && outer.getExpression() === expr) {
    const name = outer.getName();
    const grand = outer.getParent();
    const assigned = grand && Node.isBinaryExpression(grand) && grand.getLeft() === outer && grand.getOperatorToken().getKind() === SyntaxKind.EqualsToken;
    return RING_BUFFER_MEMBERS.has(name) && !assigned ? undefined : grand?.getText() ?? text;
  }
  if (Node.isForOfStatement(outer) && outer.getExpression() === expr) return undefined;
  if (Node.isSpreadElement(outer) && Node.isArrayLiteralExpression(outer.getParent())) return undefined;
  return text;
}
