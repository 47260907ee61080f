// TtlMap/TtlSet must stay assignable to Map/Set when a project compiles with lib ESNext (Map gains
// getOrInsert/getOrInsertComputed, Set the ES2025 methods). Type-checks types-esnext/assign.ts with
// the pinned TypeScript in a child process.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function tsc(project: string): string {
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tests/runtime/types-esnext', project)], { cwd: root, encoding: 'utf8' });
    return '';
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  }
}

describe('types of the bounded package in other projects', () => {
  it('TtlMap is assignable to Map and TtlSet to Set under lib ESNext', () => {
    expect(tsc('tsconfig.json')).toBe('');
  });

  it('the declarations compile with skipLibCheck false, lib ES2023 and no DOM or Node types', () => {
    // AbortSignal resolves to the program's own type when it has one; Symbol.dispose comes from the
    // preserved `/// <reference lib="esnext.disposable" />` of listener-scope.d.ts.
    expect(tsc('tsconfig.plain.json')).toBe('');
  });
});
