// Parity of the two front ends (DESIGN.md "One analysis, two front ends"): for every codemod fixture
// pair, the lint findings on the input that carry a suggestion (a rewrite) of the fixture's transform
// are exactly the sites the codemod rewrites, and linting the output reports none of them.
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-bounded';
import { rewriteText, TRANSFORM_NAMES, TRANSFORM_RULES, type TransformName } from 'bounded-codemod';
import { describe, expect, it } from 'vitest';

import { fixturePairs } from '../codemods/helpers.js';

const linter = new Linter({ configType: 'flat' });

interface LintFinding {
  key: string;
  /** Suggestion descriptions, without the trailing period ESLint messages carry. */
  suggestions: string[];
  fixes: { range: [number, number]; text: string }[];
}

function lint(text: string, filename: string, transform: TransformName): LintFinding[] {
  const messages = linter.verify(
    text,
    [
      {
        files: ['**/*.ts', '**/*.tsx', '**/*.js'],
        languageOptions: { parser: tsParser as Linter.Parser, sourceType: 'module', ecmaVersion: 'latest' },
        ...plugin.configs.all,
      },
    ],
    filename,
  );
  const fatal = messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`${filename}: ${fatal[0]!.message}`);
  const rules = new Set(TRANSFORM_RULES[transform].map((r) => `bounded/${r}`));
  return messages
    .filter((m) => m.ruleId && rules.has(m.ruleId))
    .map((m) => ({
      key: `${m.ruleId!.slice('bounded/'.length)}@${m.line}:${m.column}`,
      suggestions: (m.suggestions ?? []).map((s) => s.desc.replace(/\.$/, '')),
      fixes: (m.suggestions ?? []).map((s) => ({ range: s.fix.range, text: s.fix.text })),
    }));
}

const cases = TRANSFORM_NAMES.flatMap((transform) => fixturePairs(transform).map((pair) => ({ transform, ...pair })));

describe('lint ⇔ codemod parity', () => {
  it('has fixtures to check', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('$transform/$name', ({ transform, input, output, inputPath }) => {
    const result = rewriteText(input, inputPath, { transforms: [transform] });
    const rewritten = result.applied.map((a) => `${a.rule}@${a.line}:${a.column}`).sort();
    const before = lint(input, inputPath, transform);
    const suggested = before.filter((m) => m.suggestions.length > 0).map((m) => m.key).sort();
    expect(suggested).toEqual(rewritten);
    // The suggestion a rule offers is the rewrite the codemod applies (same description).
    const descriptions = new Set(result.applied.map((a) => a.message));
    for (const m of before) if (m.suggestions.length > 0) expect(m.suggestions.some((d) => descriptions.has(d))).toBe(true);
    // With one finding, applying the ESLint suggestion gives exactly the codemod's output.
    const withFix = before.filter((m) => m.fixes.length > 0);
    if (withFix.length === 1) {
      const fix = withFix[0]!.fixes[0]!;
      expect(input.slice(0, fix.range[0]) + fix.text + input.slice(fix.range[1])).toBe(output);
    }
    expect(result.output).toBe(output);

    // The output: none of the rewritten findings remain (only findings without a rewrite may).
    const after = lint(output, inputPath.replace('.input.', '.output.'), transform);
    expect(after.filter((m) => m.suggestions.length > 0)).toEqual([]);
    const skippedBefore = before.filter((m) => m.suggestions.length === 0).length;
    expect(after.length).toBe(skippedBefore);
  });
});
