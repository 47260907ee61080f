#!/usr/bin/env node
// The bounded demo (`npm run demo`, after `npm run build`):
//   1. lints examples/agent-server with every rule of eslint-plugin-bounded (ESLint Node API, flat config)
//      and prints the findings with the stylish formatter;
//   2. runs bounded-codemod on the same directory as a dry run and prints its unified diff.
// Findings are expected (the example is leaky on purpose), so they do not fail the demo; a crash while
// linting, a file that does not parse, or a failing codemod does (exit code 1).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = 'examples/agent-server';
const codemodBin = path.join(root, 'codemods/bin/bounded-codemod.js');
const codemodCli = path.join(root, 'codemods/dist/cli.js');

function heading(text) {
  console.log(`\n=== ${text} ${'='.repeat(Math.max(0, 72 - text.length))}\n`);
}

async function lint() {
  let ESLint, tsParser, plugin;
  try {
    ({ ESLint } = await import('eslint'));
    tsParser = (await import('@typescript-eslint/parser')).default;
    plugin = (await import('eslint-plugin-bounded')).default;
  } catch (error) {
    console.error(`demo: cannot load ESLint or eslint-plugin-bounded (run \`npm run build\` first): ${error.message}`);
    return false;
  }
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser, sourceType: 'module' } },
      { ...plugin.configs.all, files: ['**/*.ts'] },
    ],
  });
  heading(`1. eslint (eslint-plugin-bounded, configs.all) on ${target}`);
  let results;
  try {
    results = await eslint.lintFiles([target]);
  } catch (error) {
    console.error(`demo: linting crashed:\n${error.stack ?? error}`);
    return false;
  }
  const formatter = await eslint.loadFormatter('stylish');
  const text = await formatter.format(results);
  console.log(text.trim() === '' ? 'No findings.' : text);

  const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${r.filePath}:${m.line}: ${m.message}`));
  const byRule = new Map();
  for (const r of results) for (const m of r.messages) if (m.ruleId) byRule.set(m.ruleId, (byRule.get(m.ruleId) ?? 0) + 1);
  console.log(`Linted ${results.length} files.`);
  for (const [rule, count] of [...byRule].sort()) console.log(`  ${rule}: ${count}`);
  if (fatal.length > 0) {
    console.error(`demo: ${fatal.length} file(s) could not be linted:\n  ${fatal.join('\n  ')}`);
    return false;
  }
  return true;
}

function codemod() {
  heading(`2. bounded-codemod --dry ${target}`);
  if (!existsSync(codemodBin) || !existsSync(codemodCli)) {
    console.error(
      `demo: the codemod is not built (${path.relative(root, existsSync(codemodBin) ? codemodCli : codemodBin)} is missing); run \`npm run build\`.`,
    );
    return false;
  }
  const run = spawnSync(process.execPath, [codemodBin, '--dry', target], { cwd: root, stdio: 'inherit' });
  if (run.error) {
    console.error(`demo: could not start the codemod: ${run.error.message}`);
    return false;
  }
  if (run.status !== 0) {
    console.error(`demo: the codemod exited with ${run.status ?? run.signal}`);
    return false;
  }
  return true;
}

const linted = await lint();
const rewritten = codemod();
if (linted && rewritten) {
  console.log('\nDemo done: the findings above are the planted leaks of examples/agent-server (see its README);');
  console.log('the diff is what `npx bounded-codemod examples/agent-server` would write.');
} else {
  process.exitCode = 1;
}
