// Chromium page script: exposes the bundled portable tests as globalThis.__boundedRun.
import { run } from './entry.js';

(globalThis as { __boundedRun?: typeof run }).__boundedRun = run;
