// TtlMap/TtlSet must stay assignable to Map/Set when a project compiles with lib ESNext (Map gains
// getOrInsert/getOrInsertComputed, Set the ES2025 methods). Type-checks types-esnext/assign.ts with
// the pinned TypeScript in a child process.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('types under lib ESNext', () => {
  it('TtlMap is assignable to Map and TtlSet to Set', () => {
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', join(root, 'tests/runtime/types-esnext/tsconfig.json')], { cwd: root, encoding: 'utf8' });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(output).toBe('');
  });
});
