import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { parseSource } from '../../rules/src/analysis/index.js';
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
