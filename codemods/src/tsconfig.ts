import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest `tsconfig.json` at or above the first path (a file's directory, or a directory). */
export function findTsconfig(paths: readonly string[]): string | undefined {
  const start = paths[0];
  if (!start) return undefined;
  let dir = existsSync(start) && !/\.[cm]?[jt]sx?$/.test(start) ? start : dirname(start);
  for (;;) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
