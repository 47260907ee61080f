/**
 * Text-edit helpers of the listener family's rewrites: insertions that follow the file's style
 * (indentation, semicolons, quotes) so the suggestion and the codemod produce code a reviewer accepts.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import type { TextEdit } from '../types.js';
import type { ClassInfo, ListenerModel, MemberInfo } from './model.js';

/** The file's style, sampled once from the model. */
export interface Style {
  readonly semi: string;
  readonly quote: string;
  readonly typescript: boolean;
}

const styles = new WeakMap<ListenerModel, Style>();

/** The style of the model's file, sampled on first use only (most files need no rewrite). */
export function lazyStyleOf(model: ListenerModel): Style {
  const get = (): Style => {
    let style = styles.get(model);
    if (!style) styles.set(model, (style = styleOf(model)));
    return style;
  };
  return {
    get semi() {
      return get().semi;
    },
    get quote() {
      return get().quote;
    },
    get typescript() {
      return get().typescript;
    },
  };
}

export function styleOf(model: ListenerModel): Style {
  const { text, filename } = model.context;
  const singles = countOf(text, "'");
  const doubles = countOf(text, '"');
  return {
    semi: model.semicolons.with >= model.semicolons.without ? ';' : '',
    quote: doubles > singles ? '"' : "'",
    typescript: /\.(?:ts|tsx|mts|cts)$/iu.test(filename),
  };
}

function countOf(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1 && n < 2000; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/** Offset of the start of the line holding `pos`. */
export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** The whitespace that starts the line holding `pos`. */
export function indentAt(text: string, pos: number): string {
  const start = lineStart(text, pos);
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** One indentation step of the file around `member` (from its body, else two spaces or a tab). */
export function indentUnit(text: string, member: TSESTree.Node, body?: TSESTree.BlockStatement): string {
  const outer = indentAt(text, member.range[0]);
  const first = body?.body[0];
  if (first) {
    const inner = indentAt(text, first.range[0]);
    if (inner.startsWith(outer) && inner.length > outer.length) return inner.slice(outer.length);
  }
  return outer.includes('\t') ? '\t' : '  ';
}

/** Quotes `value` as a string literal in the file's quote style. */
export function quoted(value: string, style: Style): string {
  const json = JSON.stringify(value);
  if (style.quote === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/gu, '"').replace(/'/gu, "\\'")}'`;
}

/** Appends `statement` at the end of a method body (before a final `return`). */
export function appendToBody(text: string, member: TSESTree.Node, body: TSESTree.BlockStatement, statement: string): TextEdit {
  const memberIndent = indentAt(text, member.range[0]);
  const unit = indentUnit(text, member, body);
  const last = body.body[body.body.length - 1];
  if (!last) {
    const inside = text.slice(body.range[0] + 1, body.range[1] - 1);
    if (inside.trim() === '') {
      return { range: [body.range[0], body.range[1]], text: `{\n${memberIndent}${unit}${statement}\n${memberIndent}}` };
    }
    // only comments inside: add after them
    return { range: [body.range[1] - 1, body.range[1] - 1], text: `${inside.endsWith('\n') ? '' : '\n'}${memberIndent}${unit}${statement}\n${memberIndent}` };
  }
  const indent = indentAt(text, last.range[0]);
  if (last.type === 'ReturnStatement' && lineStart(text, last.range[0]) + indent.length === last.range[0]) {
    const at = lineStart(text, last.range[0]);
    return { range: [at, at], text: `${indent}${statement}\n` };
  }
  return { range: [last.range[1], last.range[1]], text: `\n${indent}${statement}` };
}

/**
 * Inserts a class member (a field declaration) on its own line before `member`, above its comments and
 * decorators, with the member's indentation.
 */
export function insertBeforeMember(text: string, member: MemberInfo, declaration: string): TextEdit {
  const start = member.node.range[0];
  // without semicolons, a member starting with `[`, `(`, `*` or a template would continue the field
  if (!declaration.endsWith(';') && /^[[(*`]/u.test(text.slice(start, start + 1))) declaration += ';';
  let at = lineStart(text, start);
  if (text.slice(at, start).trim() !== '') return { range: [start, start], text: `${declaration} ` };
  const indent = indentAt(text, start);
  // move above leading comment/decorator lines
  for (;;) {
    if (at === 0) break;
    const prevStart = lineStart(text, at - 1);
    const prev = text.slice(prevStart, at - 1).trim();
    if (prev.startsWith('//') || prev.startsWith('*') || prev.startsWith('/*') || prev.startsWith('@')) at = prevStart;
    else break;
  }
  return { range: [at, at], text: `${indent}${declaration}\n` };
}

/** A member name free in `cls` (and not yet taken by another rewrite of this file). */
export function freeName(cls: ClassInfo, wanted: string, taken: Set<string>): string {
  const used = new Set(cls.members.map((m) => m.name));
  let name = wanted;
  for (let i = 2; used.has(name) || used.has(`#${name}`) || taken.has(`${cls.id}:${name}`); i++) name = `${wanted}${i}`;
  taken.add(`${cls.id}:${name}`);
  return name;
}

/** `data-received` → `DataReceived`; used to derive member names. */
export function pascal(value: string): string {
  const parts = value.replace(/^#/u, '').split(/[^A-Za-z0-9]+/u).filter(Boolean);
  const s = parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
  return /^[0-9]/u.test(s) ? `_${s}` : s;
}

/** Re-indents a multi-line snippet moved from indentation `from` to `to` (lines after the first). */
export function reindent(snippet: string, from: string, to: string): string {
  if (from === to) return snippet;
  return snippet
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.startsWith(from) ? to + line.slice(from.length) : line))
    .join('\n');
}
