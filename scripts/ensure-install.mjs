#!/usr/bin/env node
// `npm test` on a fresh clone: install the locked dependencies when they are missing, and the system
// browser the cross-environment runtime tests drive (Debian's chromium) when it is missing and we can
// install it. Everything else the tests need comes from package-lock.json.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' });

if (!existsSync(new URL('../node_modules/.bin/vitest', import.meta.url))) {
  console.log('ensure-install: node_modules missing, running npm ci');
  run('npm ci');
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium) && process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log('ensure-install: installing Debian chromium for the browser runtime tests');
  run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null');
}
