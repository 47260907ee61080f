import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { analyzeSource, parseSource } from '../../rules/src/analysis/index.js';
import { analyzeLeakedIntervals, analyzeLeakedListeners } from '../../rules/src/analysis/listeners/index.js';
import noLeakedInterval from '../../rules/src/rules/no-leaked-interval.js';
import noLeakedListener from '../../rules/src/rules/no-leaked-listener.js';
import { rewriteCases } from './fixtures/listeners/rewrite-cases.js';

// The rules feed the listener model from ESLint's traversal; the codemod builds it with the pass's own
// walk. Both must find exactly the same sites (rule, messageId, position) on the same text.
const plugin = { rules: { 'no-leaked-listener': noLeakedListener, 'no-leaked-interval': noLeakedInterval } } as never;

type Options = { listener: Record<string, unknown>; interval: Record<string, unknown> };

function viaEslint(code: string, filename: string, options: Options): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    {
      files: ['**/*.ts', '**/*.js'],
      languageOptions: { parser: tsParser },
      plugins: { bounded: plugin },
      rules: {
        'bounded/no-leaked-listener': ['error', options.listener] as Linter.RuleEntry,
        'bounded/no-leaked-interval': ['error', options.interval] as Linter.RuleEntry,
      },
    },
    filename,
  );
  return messages.map((m) => `${m.ruleId?.replace('bounded/', '')} ${m.messageId} ${m.line}:${m.column}`).sort();
}

function viaAnalysis(code: string, filename: string, options: Options): string[] {
  const context = parseSource(code, filename);
  const lines = code.split('\n');
  const position = (offset: number): string => {
    let rest = offset;
    for (let i = 0; i < lines.length; i++) {
      if (rest <= lines[i]!.length) return `${i + 1}:${rest + 1}`;
      rest -= lines[i]!.length + 1;
    }
    return '?';
  };
  return [...analyzeLeakedListeners(context, options.listener), ...analyzeLeakedIntervals(context, options.interval)]
    .map((f) => `${f.rule} ${f.messageId} ${position(f.range[0])}`)
    .sort();
}

describe('ESLint front end and codemod front end find the same sites', () => {
  it.each(rewriteCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const options: Options = {
      listener: c.rule === 'no-leaked-listener' ? (c.options ?? {}) : {},
      interval: c.rule === 'no-leaked-interval' ? (c.options ?? {}) : {},
    };
    const eslint = viaEslint(c.code, c.filename, options);
    expect(eslint).toEqual(viaAnalysis(c.code, c.filename, options));
    expect(eslint.some((line) => line.startsWith(c.rule))).toBe(true);
  });
});

// Test files (the collection family's predicate) are out of scope unless the rule's checkTestFiles:
// both front ends agree, and analyzeSource (the codemod's entry) reads each rule's own option.
describe('test files are out of scope unless checkTestFiles, in both front ends', () => {
  const code = `export function watch(signal: AbortSignal): void {
  signal.addEventListener('abort', () => console.log('aborted'));
  setInterval(() => console.log('tick'), 1000);
}
`;
  it.each(['src/foo.test.ts', 'test/bar.ts', 'src/__tests__/baz.ts'])('%s', (filename) => {
    const none: Options = { listener: {}, interval: {} };
    expect(viaEslint(code, filename, none)).toEqual([]);
    expect(viaAnalysis(code, filename, none)).toEqual([]);
    expect(analyzeSource(code, filename)).toEqual([]);

    const listenerOnly: Options = { listener: { checkTestFiles: true }, interval: {} };
    const eslint = viaEslint(code, filename, listenerOnly);
    expect(eslint).toEqual(viaAnalysis(code, filename, listenerOnly));
    expect(eslint.map((line) => line.split(' ')[0])).toEqual(['no-leaked-listener']);
    const viaCodemod = analyzeSource(code, filename, { 'no-leaked-listener': { checkTestFiles: true } });
    expect(viaCodemod.map((f) => f.rule)).toEqual(['no-leaked-listener']);

    const both = analyzeSource(code, filename, { 'no-leaked-listener': { checkTestFiles: true }, 'no-leaked-interval': { checkTestFiles: true } });
    expect(both.map((f) => f.rule)).toEqual(['no-leaked-listener', 'no-leaked-interval']);
    expect(analyzeSource(code, 'src/foo.ts').map((f) => f.rule)).toEqual(['no-leaked-listener', 'no-leaked-interval']);
  });
});
