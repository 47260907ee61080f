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

/** Sniffs {@link FileStyle} from `Program.body` (O(top-level statements)). */
export function fileStyle(ast: TSESTree.Program, text: string): FileStyle {
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
 * The edit that makes `names` importable from `source` (default `bounded`): merges into an existing
 * `import { ... } from 'bounded'` (value import, not `import type`), else inserts a new import after
 * the last import (or at the top of the file, after a shebang and leading comments' line). Names
 * already imported are not repeated. Returns undefined when nothing is missing.
 */
export function importEdit(
  ast: TSESTree.Program,
  text: string,
  names: readonly string[],
  source = 'bounded',
): TextEdit | undefined {
  const wanted = [...new Set(names)];
  if (wanted.length === 0) return undefined;
  const style = fileStyle(ast, text);
  let lastImport: TSESTree.ImportDeclaration | undefined;
  let merge: TSESTree.ImportDeclaration | undefined;
  const present = new Set<string>();
  for (const statement of ast.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    lastImport = statement;
    if (statement.source.value !== source) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === 'ImportSpecifier' && specifier.importKind !== 'type') {
        present.add(specifier.local.name);
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
  if (merge) {
    const last = merge.specifiers[merge.specifiers.length - 1]!;
    return { range: [last.range[1], last.range[1]], text: `, ${missing.join(', ')}` };
  }
  const q = style.quote;
  const line = `import { ${missing.join(', ')} } from ${q}${source}${q}${style.semi}`;
  if (lastImport) {
    return { range: [lastImport.range[1], lastImport.range[1]], text: `${style.eol}${line}` };
  }
  let at = 0;
  if (text.startsWith('#!')) {
    const newline = text.indexOf('\n');
    at = newline < 0 ? text.length : newline + 1;
  }
  return { range: [at, at], text: `${line}${style.eol}` };
}
