/**
 * examples/agent-server against its README (the known answer of the demo):
 * - linting it with `configs.all` reports exactly the rows of the README's "Planted leaks" table (rule
 *   and line), nothing on the rows of its "Bounded code" table, and nothing else;
 * - a real (not dry) codemod run on a copy exits 0, leaves code that `tsc --noEmit` accepts, and a second
 *   run changes nothing (issue 2, "Done when").
 * Needs the built packages (`npm run build`): the plugin and the codemod CLI are used from `dist`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import plugin from 'eslint-plugin-bounded';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const exampleDir = path.join(root, 'examples/agent-server');
const readme = readFileSync(path.join(exampleDir, 'README.md'), 'utf8');

/** Rows `| \`src/file.ts:LINE\` | ... |` of the README section whose heading starts with `heading`. */
function tableRows(heading: string): { site: string; cells: string[] }[] {
  const start = readme.indexOf(`## ${heading}`);
  expect(start, `README section "${heading}"`).toBeGreaterThanOrEqual(0);
  const next = readme.indexOf('\n## ', start + 3);
  const section = readme.slice(start, next === -1 ? undefined : next);
  return section
    .split('\n')
    .filter((line) => /^\| `src\/[\w-]+\.ts:\d+` \|/.test(line))
    .map((line) => {
      const cells = line.split(' | ').map((cell) => cell.replace(/^\|\s*|\s*\|$/g, '').trim());
      return { site: (cells[0] ?? '').replaceAll('`', ''), cells };
    });
}

const planted = tableRows('Planted leaks').map(({ site, cells }) => {
  const rule = cells.find((cell) => /^`no-[a-z-]+`$/.test(cell))?.replaceAll('`', '');
  return { site, rule: `bounded/${rule ?? '(no rule column)'}` };
});
const bounded = tableRows('Bounded code').map(({ site }) => site);

function lintConfig(): Linter.Config[] {
  return [
    { files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser, sourceType: 'module' } },
    { ...plugin.configs.all, files: ['**/*.ts'] },
  ];
}

async function lintSites(cwd: string, target: string): Promise<{ site: string; rule: string; message: string }[]> {
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: lintConfig() });
  const results = await eslint.lintFiles([target]);
  return results.flatMap((result) =>
    result.messages.map((m) => ({
      site: `${path.relative(path.join(cwd, target), result.filePath).split(path.sep).join('/')}:${m.line}`,
      rule: m.ruleId ?? 'fatal',
      message: m.message,
    })),
  );
}

describe('examples/agent-server: lint findings match the README', () => {
  let found: { site: string; rule: string; message: string }[] = [];
  beforeAll(async () => {
    found = await lintSites(root, 'examples/agent-server');
  });

  test('the README lists planted leaks and bounded code', () => {
    expect(planted.length).toBeGreaterThanOrEqual(10);
    expect(bounded.length).toBeGreaterThanOrEqual(8);
  });

  test.each(planted)('planted leak at $site is reported by $rule', ({ site, rule }) => {
    expect(found.filter((f) => f.site === site).map((f) => f.rule)).toContain(rule);
  });

  test.each(bounded)('bounded code at %s is not reported', (site) => {
    expect(found.filter((f) => f.site === site)).toEqual([]);
  });

  test('nothing outside the planted leaks is reported', () => {
    const expected = new Set(planted.map((p) => `${p.site} ${p.rule}`));
    expect(found.filter((f) => !expected.has(`${f.site} ${f.rule}`))).toEqual([]);
  });
});

describe('examples/agent-server: a real codemod run on a copy', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'bounded-agent-server-'));
  const copy = path.join(work, 'examples/agent-server');
  const cli = path.join(root, 'codemods/bin/bounded-codemod.js');

  /** The copy keeps the repository layout its tsconfig expects (`../../tsconfig.base.json`, `node_modules`). */
  beforeAll(() => {
    cpSync(path.join(root, 'tsconfig.base.json'), path.join(work, 'tsconfig.base.json'));
    symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'), 'dir');
    cpSync(exampleDir, copy, { recursive: true });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  function snapshot(): Map<string, string> {
    const dir = path.join(copy, 'src');
    return new Map(readdirSync(dir).map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]));
  }

  function codemod(): { status: number | null; output: string } {
    const run = spawnSync(process.execPath, [cli, '--force', 'examples/agent-server'], { cwd: work, encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
  }

  test('rewrites the collections onto the runtime, type-checks, and is idempotent', () => {
    const before = snapshot();
    const first = codemod();
    expect(first.status, first.output).toBe(0);
    const after = snapshot();
    const changed = [...after].filter(([file, text]) => before.get(file) !== text).map(([file]) => file);
    expect(changed.length, first.output).toBeGreaterThan(0);
    const rewritten = [...after.values()].join('\n');
    expect(rewritten).toMatch(/from 'bounded'/);
    expect(rewritten).toMatch(/new RingBuffer</);
    expect(rewritten).toMatch(/new TtlMap</);
    expect(rewritten).toMatch(/new TtlSet</);

    const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(copy, 'tsconfig.json'), '--noEmit'], {
      cwd: work,
      encoding: 'utf8',
    });
    expect(tsc.status, `${tsc.stdout}${tsc.stderr}`).toBe(0);

    const second = codemod();
    expect(second.status, second.output).toBe(0);
    expect(snapshot()).toEqual(after);
  });
});
