import path from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { parseSource } from '../../rules/src/analysis/index.js';
import { analyzeLeakedIntervals, analyzeLeakedListeners } from '../../rules/src/analysis/listeners/index.js';
import type { Finding } from '../../rules/src/analysis/types.js';
import { rewriteCases } from './fixtures/listeners/rewrite-cases.js';

// Every rewrite of the listener family (suggestion = codemod edit) must keep the file type-correct
// (no new diagnostics under strict TypeScript with DOM and Node types) and be idempotent: the
// rewritten file is not reported again for the same target and event.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const virtualDir = path.join(root, 'tests/rules/__virtual__');

function findingsOf(rule: string, code: string, filename: string, options?: Record<string, unknown>): Finding[] {
  const context = parseSource(code, filename);
  return rule === 'no-leaked-listener' ? analyzeLeakedListeners(context, options) : analyzeLeakedIntervals(context, options);
}

function apply(code: string, finding: Finding): string {
  let out = code;
  for (const edit of [...finding.rewrite!.edits].sort((a, b) => b.range[0] - a.range[0])) {
    out = out.slice(0, edit.range[0]) + edit.text + out.slice(edit.range[1]);
  }
  return out;
}

/** Diagnostics per virtual file, from one program over all of them (O(1) programs per test). */
function diagnostics(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.esnext.disposable.d.ts'],
    types: ['node'],
    typeRoots: [path.join(root, 'node_modules/@types')],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, language) => {
    const text = files.get(name);
    return text === undefined ? getSourceFile(name, language) : ts.createSourceFile(name, text, language);
  };
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  const out = new Map<string, string[]>([...files.keys()].map((f) => [f, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file?.fileName;
    if (name && out.has(name)) out.get(name)!.push(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return out;
}

describe('rewrites of no-leaked-listener and no-leaked-interval', () => {
  const rewrites = rewriteCases.flatMap((c, i) =>
    findingsOf(c.rule, c.code, c.filename, c.options)
      .filter((f) => f.rewrite)
      .map((finding, j) => ({ c, finding, output: apply(c.code, finding), id: `${i}-${j}` })),
  );

  it('has a rewrite for every case', () => {
    expect(rewrites.length).toBeGreaterThanOrEqual(rewriteCases.length);
  });

  it.each(rewrites.map((r) => [r.c.name, r] as const))('is idempotent: %s', (_name, { c, finding, output }) => {
    const again = findingsOf(c.rule, output, c.filename, c.options).filter(
      (f) => f.name === finding.name && f.data.event === finding.data.event,
    );
    expect(again).toEqual([]);
  });

  it('adds no type errors', () => {
    const typed = rewrites.filter((r) => r.c.filename.endsWith('.ts'));
    const files = new Map<string, string>();
    for (const r of typed) {
      files.set(path.join(virtualDir, `before-${r.id}.ts`), r.c.code);
      files.set(path.join(virtualDir, `after-${r.id}.ts`), r.output);
    }
    const diags = diagnostics(files);
    const added = typed.flatMap((r) => {
      const before = new Set(diags.get(path.join(virtualDir, `before-${r.id}.ts`)));
      return (diags.get(path.join(virtualDir, `after-${r.id}.ts`)) ?? []).filter((d) => !before.has(d)).map((d) => `${r.c.name}: ${d}`);
    });
    expect(added).toEqual([]);
    expect(typed.length).toBeGreaterThan(10);
  });
});
