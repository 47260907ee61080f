import { createRequire } from 'node:module';

import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { configs } from 'eslint-plugin-bounded';
import { expect, it } from 'vitest';

const require = createRequire(import.meta.url);

it('writes bounded findings as SARIF 2.1.0 with rule ids and locations', async () => {
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, configs.all],
  });
  const code = 'export class Log {\n  private lines: string[] = [];\n  add(l: string) { this.lines.push(l); }\n}\n';
  const results = await eslint.lintText(code, { filePath: 'log.ts' });
  expect(results[0]?.messages.map((m) => m.ruleId)).toContain('bounded/no-unbounded-collection');

  const format = require('@microsoft/eslint-formatter-sarif') as (r: ESLint.LintResult[], d: unknown) => string;
  const sarif = JSON.parse(format(results, { rulesMeta: eslint.getRulesMetaForResults(results) })) as {
    version: string;
    runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[];
  };
  expect(sarif.version).toBe('2.1.0');
  const hit = sarif.runs[0]?.results.find((r) => r.ruleId === 'bounded/no-unbounded-collection');
  expect(hit?.locations[0]?.physicalLocation.region.startLine).toBe(2);
});
