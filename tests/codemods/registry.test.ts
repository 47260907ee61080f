// The registry the CLI, --help and the README list use: every transform has its built file, its doc
// page and a table row.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { TRANSFORMS, transformPath, transformsTable } from 'bounded-codemod';
import { describe, expect, it } from 'vitest';

import { ROOT } from './helpers.js';

describe('transform registry', () => {
  it.each(TRANSFORMS.map((t) => [t.name, t] as const))('%s has a built transform, a doc page and rules', (name, t) => {
    expect(existsSync(transformPath(name))).toBe(true);
    expect(existsSync(join(ROOT, t.doc))).toBe(true);
    expect(t.rules.length).toBeGreaterThan(0);
    expect(transformsTable()).toContain(`| [\`${name}\`](${t.doc}) | ${t.description} |`);
  });
  it('lists the four transforms of the issue', () => {
    expect(TRANSFORMS.map((t) => t.name)).toEqual(['ring-buffer', 'ttl-map', 'listener-cleanup', 'interval-cleanup']);
  });
});
