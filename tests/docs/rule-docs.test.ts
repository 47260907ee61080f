/**
 * Lints the examples of every rule doc (`docs/rules/<rule>.md`) with that rule, so the docs cannot drift
 * from the rules.
 *
 * Convention (the one the rule docs follow):
 * - An example is a fenced code block tagged `ts`, `typescript` or `tsx` (`js`/`javascript`/`mjs` are
 *   linted as JavaScript). Blocks in other languages (`json`, `sh`, ...) are not examples.
 * - A verdict marker applies to the code blocks after it: a heading or a paragraph line containing ❌
 *   (incorrect: the block must get at least one report of the doc's rule) or ✅ (correct: no report
 *   of that rule). The marker holds until the next heading; a heading without a marker ends it.
 * - A comment on the first line of a block that contains ❌ or ✅ overrides the surrounding marker.
 *   One block holds one verdict: a block whose comments contain both markers fails its case.
 * - Code blocks without any marker (options, configuration, usage) are not linted.
 * - eslint-doc-generator's notice lines (`💼 This rule is enabled in the ✅ \`recommended\` config.`,
 *   and the 🔧/💡/⚠️/🚫/❌ deprecation notices under the title) are metadata, not markers.
 * - A block may set rule options with an inline `/* eslint bounded/<rule>: ["error", {...}] *\/` comment.
 *
 * Each block is its own test case (`test.each`), named `<rule>.md:<line> ❌|✅`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin, { rules } from 'eslint-plugin-bounded';
import { describe, expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const docsDir = path.join(root, 'docs/rules');

type Verdict = 'invalid' | 'valid';

interface Example {
  readonly rule: string;
  readonly doc: string;
  /** 1-based line of the opening fence in the doc. */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  readonly verdict: Verdict;
  /** Why the block cannot be an example (e.g. it mixes ❌ and ✅); the case fails with this message. */
  readonly problem?: string;
}

/** eslint-doc-generator notices: `💼 ... ✅ \`recommended\` config.`, `🔧 ... fixable`, `💡 ... suggestions`, deprecations. */
const NOTICE = /^\s*(?:💼|🔧|💡|⚠️|🚫|❌ This rule is deprecated|<!--)/u;

const TS_LANGS = new Set(['ts', 'typescript', 'tsx', 'mts', 'cts']);
const JS_LANGS = new Set(['js', 'javascript', 'mjs', 'cjs', 'jsx']);

function verdictOf(text: string): Verdict | undefined {
  const bad = text.includes('❌');
  const good = text.includes('✅');
  if (bad === good) return undefined;
  return bad ? 'invalid' : 'valid';
}

/** Extracts every marked example of one doc, in document order. */
export function extractExamples(rule: string, doc: string, markdown: string): Example[] {
  const lines = markdown.split(/\r?\n/);
  const examples: Example[] = [];
  let marker: Verdict | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (fence) {
      const [, indent = '', ticks = '```', lang = ''] = fence;
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').trimStart().startsWith(ticks); i++) {
        body.push((lines[i] ?? '').startsWith(indent) ? (lines[i] ?? '').slice(indent.length) : (lines[i] ?? ''));
      }
      const language = lang.toLowerCase();
      if (!TS_LANGS.has(language) && !JS_LANGS.has(language)) continue;
      const code = body.join('\n');
      const comments = code.match(/\/\/.*|\/\*[\s\S]*?\*\//g) ?? [];
      const inBlockBad = comments.some((c) => c.includes('❌'));
      const inBlockGood = comments.some((c) => c.includes('✅'));
      const firstLine = (body.find((l) => l.trim() !== '') ?? '').trim();
      const own = firstLine.startsWith('//') || firstLine.startsWith('/*') ? verdictOf(firstLine) : undefined;
      const verdict = own ?? marker;
      if (verdict === undefined) continue;
      examples.push({
        rule,
        doc,
        line: start + 1,
        lang: language,
        code,
        verdict,
        ...(inBlockBad && inBlockGood
          ? { problem: 'the block mixes ❌ and ✅ comments: split it into one block per verdict' }
          : {}),
      });
      continue;
    }
    if (/^\s{0,3}#{1,6}\s/.test(line)) {
      marker = verdictOf(line);
    } else if (NOTICE.test(line)) {
      continue;
    } else {
      marker = verdictOf(line) ?? marker;
    }
  }
  return examples;
}

const docFiles = existsSync(docsDir) ? readdirSync(docsDir).filter((f) => f.endsWith('.md')).sort() : [];
const examples = docFiles.flatMap((file) =>
  extractExamples(path.basename(file, '.md'), file, readFileSync(path.join(docsDir, file), 'utf8')),
);

const linter = new Linter({ configType: 'flat' });

function lint(example: Example): Linter.LintMessage[] {
  const ts = TS_LANGS.has(example.lang);
  const filename = `${example.rule}-example.${example.lang === 'tsx' || example.lang === 'jsx' ? example.lang : ts ? 'ts' : 'js'}`;
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
      languageOptions: {
        ...(ts ? { parser: tsParser as Linter.Parser } : {}),
        sourceType: 'module',
        ecmaVersion: 'latest',
        parserOptions: { ecmaFeatures: { jsx: example.lang === 'tsx' || example.lang === 'jsx' } },
      },
      plugins: { bounded: plugin },
      rules: { [`bounded/${example.rule}`]: 'error' },
    },
  ];
  return linter.verify(example.code, config, filename);
}

function describeMessages(messages: Linter.LintMessage[]): string {
  return messages.map((m) => `  ${m.line}:${m.column} ${m.ruleId ?? '(fatal)'} ${m.message}`).join('\n');
}

describe('docs/rules', () => {
  test.each(Object.keys(rules).sort())('bounded/%s has a docs page with ❌ and ✅ examples', (rule) => {
    const file = path.join(docsDir, `${rule}.md`);
    expect(existsSync(file), `missing docs/rules/${rule}.md`).toBe(true);
    const markdown = readFileSync(file, 'utf8');
    const title = markdown.split(/\r?\n/, 1)[0] ?? '';
    expect(title).toMatch(new RegExp(`^# .+ \\(\`bounded/${rule}\`\\)$`));
    const own = examples.filter((e) => e.rule === rule);
    expect(own.filter((e) => e.verdict === 'invalid').length, 'no ❌ example').toBeGreaterThan(0);
    expect(own.filter((e) => e.verdict === 'valid').length, 'no ✅ example').toBeGreaterThan(0);
  });

  test.each(docFiles)('docs/rules/%s documents a rule of the plugin', (file) => {
    expect(Object.keys(rules)).toContain(path.basename(file, '.md'));
  });
});

describe.runIf(examples.length > 0)('rule doc examples', () => {
  test.each(examples.map((e) => [`${e.doc}:${e.line} ${e.verdict === 'invalid' ? '❌' : '✅'}`, e] as const))(
    '%s',
    (_name, example) => {
      expect(example.problem, example.problem).toBeUndefined();
      const messages = lint(example);
      const fatal = messages.filter((m) => m.fatal === true);
      expect(fatal, `does not parse:\n${describeMessages(fatal)}\n---\n${example.code}`).toEqual([]);
      const reports = messages.filter((m) => m.ruleId === `bounded/${example.rule}`);
      if (example.verdict === 'invalid') {
        expect(reports.length, `expected a report of bounded/${example.rule}, got none:\n${example.code}`).toBeGreaterThan(0);
      } else {
        expect(reports, `expected no report of bounded/${example.rule}:\n${describeMessages(reports)}\n---\n${example.code}`).toEqual([]);
      }
    },
  );
});

describe('extractExamples (the docs convention)', () => {
  const markdown = [
    '# Disallow things (`bounded/x`)',
    '',
    '💼 This rule is enabled in the ✅ `recommended` config.',
    '',
    '```ts',
    'const notAnExampleEvenAfterTheNotice = 1;',
    '```',
    '## Examples',
    '### ❌ Incorrect',
    '```ts',
    'bad();',
    '```',
    'Text in between.',
    '```typescript',
    'alsoBad();',
    '```',
    '### ✅ Correct',
    '```ts',
    'good();',
    '```',
    '```ts',
    '// ❌ overrides the heading',
    'bad2();',
    '```',
    '**✅ Correct, as a paragraph:**',
    '```js',
    'good2();',
    '```',
    '## Options',
    '```json',
    '{}',
    '```',
    '```ts',
    'optionsSnippet();',
    '```',
    '❌ mixed:',
    '```ts',
    '// ❌ one',
    'a();',
    '// ✅ two',
    'b();',
    '```',
  ].join('\n');
  const found = extractExamples('x', 'x.md', markdown);

  test('marks blocks by the nearest heading, paragraph or first-line comment', () => {
    expect(found.map((e) => [e.line, e.lang, e.verdict, e.code.split('\n').at(-1)])).toEqual([
      [10, 'ts', 'invalid', 'bad();'],
      [14, 'typescript', 'invalid', 'alsoBad();'],
      [18, 'ts', 'valid', 'good();'],
      [21, 'ts', 'invalid', 'bad2();'],
      [26, 'js', 'valid', 'good2();'],
      [37, 'ts', 'invalid', 'b();'],
    ]);
  });

  test('flags a block that mixes ❌ and ✅', () => {
    expect(found.at(-1)?.problem).toMatch(/mixes/);
    expect(found.slice(0, -1).every((e) => e.problem === undefined)).toBe(true);
  });
});
