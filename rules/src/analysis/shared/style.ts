/**
 * The file's own code style, sniffed once from its top-level statements, so inserted code (named
 * constants, imports) matches quotes, semicolons and indentation. Stable API shared by both analysis
 * families.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import type { TextEdit } from '../types.js';

export interface FileStyle {
  /** `'` or `"`, from the first string-literal import source (default `'`). */
  readonly quote: "'" | '"';
  /** `';'` when most top-level simple statements end with a semicolon, else `''`. */
  readonly semi: ';' | '';
  /** The line break the file uses. */
  readonly eol: '\n' | '\r\n';
}

/** Sniffs {@link FileStyle} from `Program.body` (O(top-level statements); cached per AST and text). */
export function fileStyle(ast: TSESTree.Program, text: string): FileStyle {
  const cached = styles.get(ast);
  if (cached && cached.text === text) return cached.style;
  const style = sniffStyle(ast, text);
  styles.set(ast, { text, style });
  return style;
}

const styles = new WeakMap<TSESTree.Program, { text: string; style: FileStyle }>();

function sniffStyle(ast: TSESTree.Program, text: string): FileStyle {
  let quote: "'" | '"' = "'";
  let withSemi = 0;
  let withoutSemi = 0;
  let quoteFound = false;
  for (const statement of ast.body) {
    if (!quoteFound && statement.type === 'ImportDeclaration') {
      quote = text[statement.source.range[0]] === '"' ? '"' : "'";
      quoteFound = true;
    }
    const inner =
      (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') &&
      statement.declaration
        ? statement.declaration
        : statement;
    if (inner.type === 'ClassDeclaration') {
      // Class fields show the habit too (a file of classes only has few other statements).
      for (const member of inner.body.body) {
        if (member.type !== 'PropertyDefinition') continue;
        if (text[member.range[1] - 1] === ';') withSemi++;
        else withoutSemi++;
      }
      continue;
    }
    if (
      inner.type === 'ImportDeclaration' ||
      inner.type === 'VariableDeclaration' ||
      inner.type === 'ExpressionStatement' ||
      inner.type === 'TSTypeAliasDeclaration'
    ) {
      if (text[statement.range[1] - 1] === ';') withSemi++;
      else withoutSemi++;
    }
  }
  if (!quoteFound) {
    const match = /(?:from|import|require\()\s*(['"])/.exec(text);
    if (match?.[1] === '"') quote = '"';
  }
  return { quote, semi: withoutSemi > withSemi ? '' : ';', eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** The indentation (spaces/tabs) of the line on which `offset` lies. */
export function indentAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** The offset where the line containing `offset` begins. */
export function lineStartAt(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  return start;
}

/**
 * `camelCase`, `_private`, `#field`, `snake_case` → `SCREAMING_SNAKE` (`bufferedChunks` →
 * `BUFFERED_CHUNKS`, `#runs` → `RUNS`, `toolCallLog` → `TOOL_CALL_LOG`).
 */
export function screamingSnake(name: string): string {
  let snake = snakes.get(name);
  if (snake === undefined) {
    if (snakes.size >= 4096) snakes.clear();
    snake = toScreamingSnake(name);
    snakes.set(name, snake);
  }
  return snake;
}

/** Memo of {@link screamingSnake} (names repeat across files: `events`, `cache`, `#pending`); at most 4,096 names. */
const snakes = new Map<string, string>();

function toScreamingSnake(name: string): string {
  const cleaned = name.replace(/^[#_$]+/, '').replace(/[^A-Za-z0-9_]/g, '_');
  const snake = cleaned
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase()
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  return /^[0-9]/.test(snake) || snake === '' ? `N_${snake}` : snake;
}

/**
 * The edit that makes `names` importable as values from `source` (default `bounded`), in the file's
 * style ({@link fileStyle}). Shared by the ESLint suggestions and the codemod (exported from
 * `eslint-plugin-bounded/analysis`), so both produce the same text:
 * - names already imported as values are not repeated;
 * - missing names are merged into an existing `import { ... } from 'bounded'` (a value import with
 *   named specifiers only), else a new import goes after the last import declaration, else at the
 *   top of the file: after a hashbang line and after the directive prologue (`'use client'`,
 *   `'use strict'` must stay the first statements);
 * - a name imported only as a type (`import type { TtlMap } from 'bounded'`, or `import { type TtlMap }`)
 *   does not make the value available, and adding a second `TtlMap` binding would not compile: that
 *   import is converted instead (`import type { TtlMap, Options }` → `import { TtlMap, type Options }`,
 *   `import { type TtlMap }` → `import { TtlMap }`), keeping the other names type-only.
 *
 * All changes of one call touch a single range (the import declarations involved lie next to each
 * other), so the result is one edit. Returns undefined when nothing is missing. O(top-level
 * statements + specifiers).
 */
export function importEdit(
  ast: TSESTree.Program,
  text: string,
  names: readonly string[],
  source = 'bounded',
): TextEdit | undefined {
  // Every suggestion of a file asks for the same few name sets: computed once per AST and set.
  let perFile = importEdits.get(ast);
  if (!perFile || perFile.text !== text) importEdits.set(ast, (perFile = { text, edits: new Map() }));
  const key = `${source}\0${names.join(',')}`;
  if (perFile.edits.has(key)) return perFile.edits.get(key);
  const edit = computeImportEdit(ast, text, names, source);
  perFile.edits.set(key, edit);
  return edit;
}

const importEdits = new WeakMap<TSESTree.Program, { text: string; edits: Map<string, TextEdit | undefined> }>();

function computeImportEdit(ast: TSESTree.Program, text: string, names: readonly string[], source: string): TextEdit | undefined {
  const wanted = [...new Set(names)];
  if (wanted.length === 0) return undefined;
  let lastImport: TSESTree.ImportDeclaration | undefined;
  let merge: TSESTree.ImportDeclaration | undefined;
  const present = new Set<string>();
  /** Names imported type-only under their own name, with where. */
  const typeOnly = new Map<string, { declaration: TSESTree.ImportDeclaration; specifier: TSESTree.ImportSpecifier }>();
  for (const statement of ast.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    lastImport = statement;
    if (statement.source.value !== source) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== 'ImportSpecifier') continue;
      const local = specifier.local.name;
      if (statement.importKind !== 'type' && specifier.importKind !== 'type') present.add(local);
      else if (specifier.imported.type === 'Identifier' && specifier.imported.name === local) {
        typeOnly.set(local, { declaration: statement, specifier });
      }
    }
    if (
      !merge &&
      statement.importKind !== 'type' &&
      statement.specifiers.length > 0 &&
      statement.specifiers.every((s) => s.type === 'ImportSpecifier')
    ) {
      merge = statement;
    }
  }
  const missing = wanted.filter((name) => !present.has(name));
  if (missing.length === 0) return undefined;

  // Type-only imports of wanted names become value imports (edits inside the import declarations).
  const edits: TextEdit[] = [];
  const converted = new Set<TSESTree.ImportDeclaration>();
  const rest: string[] = [];
  for (const name of missing) {
    const found = typeOnly.get(name);
    if (!found) {
      rest.push(name);
      continue;
    }
    const { declaration, specifier } = found;
    if (declaration.importKind === 'type') {
      if (converted.has(declaration)) continue;
      converted.add(declaration);
      // `import type {` → `import {`, and the names not wanted stay types: `type Options`.
      const head = /^import\s+type\b\s*/.exec(text.slice(declaration.range[0], declaration.specifiers[0]?.range[0]));
      if (!head) {
        rest.push(name);
        continue;
      }
      edits.push({ range: [declaration.range[0], declaration.range[0] + head[0].length], text: 'import ' });
      for (const other of declaration.specifiers) {
        if (other.type === 'ImportSpecifier' && !missing.includes(other.local.name)) {
          edits.push({ range: [other.range[0], other.range[0]], text: 'type ' });
        }
      }
    } else {
      // `import { type TtlMap }` → `import { TtlMap }`.
      edits.push({ range: [specifier.range[0], specifier.imported.range[0]], text: '' });
    }
    merge ??= declaration;
  }

  if (rest.length > 0) {
    const style = fileStyle(ast, text);
    if (merge) {
      const last = merge.specifiers[merge.specifiers.length - 1]!;
      edits.push({ range: [last.range[1], last.range[1]], text: `, ${rest.join(', ')}` });
    } else {
      const q = style.quote;
      const line = `import { ${rest.join(', ')} } from ${q}${source}${q}${style.semi}`;
      let directive: TSESTree.ProgramStatement | undefined;
      for (const statement of ast.body) {
        if (statement.type === 'ExpressionStatement' && typeof statement.directive === 'string') directive = statement;
        else break;
      }
      if (lastImport) {
        // After the last import, and after a comment that trails it on its line (`import x from 'x'; // why`),
        // so the comment stays with its import.
        let at = lastImport.range[1];
        const newline = text.indexOf('\n', at);
        let lineEnd = newline < 0 ? text.length : newline;
        if (text[lineEnd - 1] === '\r') lineEnd--;
        if (/^[ \t]*(?:\/\/.*|\/\*(?:(?!\*\/).)*\*\/[ \t]*)$/.test(text.slice(at, lineEnd))) at = lineEnd;
        edits.push({ range: [at, at], text: `${style.eol}${line}` });
      }
      else if (directive) edits.push({ range: [directive.range[1], directive.range[1]], text: `${style.eol}${line}` });
      else {
        let at = 0;
        if (text.startsWith('#!')) {
          const newline = text.indexOf('\n');
          at = newline < 0 ? text.length : newline + 1;
        }
        edits.push({ range: [at, at], text: `${line}${style.eol}` });
      }
    }
  }
  return combine(text, edits);
}

/** Non-overlapping edits as one edit over the range they span (text between them kept). */
function combine(text: string, edits: TextEdit[]): TextEdit | undefined {
  if (edits.length <= 1) return edits[0];
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const start = sorted[0]!.range[0];
  let at = start;
  let out = '';
  for (const edit of sorted) {
    out += text.slice(at, edit.range[0]) + edit.text;
    at = edit.range[1];
  }
  return { range: [start, at], text: out };
}

/**
 * Whether a JavaScript file is a CommonJS module, where an added `import` declaration would turn it into
 * an ES module (or fail to load): a `.cjs` file, or a `.js`/`.jsx` file with no import/export declaration
 * that uses `require(`, `module.exports` or `exports.x`. TypeScript files are never CommonJS here: their
 * `import` compiles to whatever module system the project emits. Shared by the ESLint suggestions
 * (none is offered there when the rewrite needs the runtime) and the codemod (which skips such a rewrite
 * with the `require('bounded')` line to add). O(top-level statements) plus one scan of the text.
 */
export function isCommonJs(program: TSESTree.Program, filename: string, text: string): boolean {
  if (/\.c[jt]s$/i.test(filename)) return /\.cjs$/i.test(filename);
  if (!/\.jsx?$/i.test(filename)) return false;
  const esm = program.body.some(
    (node) =>
      node.type === 'ImportDeclaration' ||
      node.type === 'ExportNamedDeclaration' ||
      node.type === 'ExportDefaultDeclaration' ||
      node.type === 'ExportAllDeclaration',
  );
  return !esm && /\brequire\s*\(|\bmodule\.exports\b|\bexports\.[A-Za-z_$]/.test(text);
}
