// Runs the portable runtime test files (harness/entry.ts) for real in workerd and headless Chromium:
// bundles them with esbuild, aliasing 'vitest' to the shim, serves the bundle from workerd on
// 127.0.0.1 (a free port) or loads it into a Chromium page driven by playwright-core.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { CaseResult } from './vitest-shim.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '../../..');

export interface EnvRun {
  env: string;
  version: string;
  results: CaseResult[];
  ms: number;
}

/** Bundles a harness entry (worker.ts, browser.ts) with 'vitest' aliased to the shim. */
export async function bundle(entry: 'worker.ts' | 'browser.ts', format: 'esm' | 'iife'): Promise<string> {
  const out = await build({
    entryPoints: [join(here, entry)],
    bundle: true,
    format,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['import', 'default'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    alias: { vitest: join(here, 'vitest-shim.ts') },
    absWorkingDir: root,
  });
  return (out.outputFiles[0] as { text: string }).text;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Serves the worker bundle from `workerd serve` on 127.0.0.1:<free port>, fetches it once, stops workerd. */
export async function runInWorkerd(): Promise<EnvRun> {
  const t0 = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'bounded-workerd-'));
  const bin = join(root, 'node_modules/.bin/workerd');
  if (!existsSync(bin)) throw new Error(`workerd binary not found at ${bin} (npm ci installs it)`);
  const port = await freePort();
  writeFileSync(join(dir, 'worker.js'), await bundle('worker.ts', 'esm'));
  writeFileSync(
    join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2025-06-01",
);
`,
  );
  const child = spawn(bin, ['serve', join(dir, 'config.capnp')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const version = await new Promise<string>((resolve) => {
      const v = spawn(bin, ['--version']);
      let s = '';
      v.stdout.on('data', (d: Buffer) => (s += d.toString()));
      v.on('close', () => resolve(s.trim()));
    });
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        const body = (await res.json()) as { results: CaseResult[] };
        return { env: 'workerd', version, results: body.results, ms: Date.now() - t0 };
      } catch (e) {
        if (child.exitCode !== null || attempt > 100) throw new Error(`workerd did not answer on 127.0.0.1:${port}: ${String(e)}\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Loads the browser bundle into about:blank in headless Chromium (Debian's /usr/bin/chromium) and runs it. */
export async function runInChromium(executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'): Promise<EnvRun> {
  const t0 = Date.now();
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium (scripts/ensure-install.mjs does it before npm test), or set CHROMIUM_PATH`);
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addScriptTag({ content: await bundle('browser.ts', 'iife') });
    if (errors.length > 0) throw new Error(`the bundle failed to load in Chromium: ${errors.join('\n')}`);
    const results = await page.evaluate(() => (globalThis as unknown as { __boundedRun: () => Promise<CaseResult[]> }).__boundedRun());
    return { env: 'chromium', version: browser.version(), results, ms: Date.now() - t0 };
  } finally {
    await browser.close();
  }
}

/** Runs the same bundle (vitest shim) in this Node process, for the case count. */
export async function runInNode(): Promise<EnvRun> {
  const t0 = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'bounded-node-'));
  try {
    const file = join(dir, 'browser.mjs');
    writeFileSync(file, await bundle('browser.ts', 'esm'));
    await import(file);
    const run = (globalThis as { __boundedRun?: () => Promise<CaseResult[]> }).__boundedRun;
    if (typeof run !== 'function') throw new Error('the bundle did not define __boundedRun');
    return { env: 'node (shim)', version: process.version, results: await run(), ms: Date.now() - t0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node --import tsx tests/runtime/harness/cross-env.ts` prints a summary of all three runs.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const runEnv of [runInNode, runInWorkerd, runInChromium]) {
    const r = await runEnv();
    const failed = r.results.filter((c) => !c.ok);
    console.log(`${r.env} ${r.version}: ${r.results.length - failed.length}/${r.results.length} passed in ${r.ms} ms`);
    for (const f of failed) console.log(`  FAIL ${f.name}: ${f.error}`);
  }
}
