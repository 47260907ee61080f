/**
 * The transforms of bounded-codemod: the single list the CLI (`--transform`, `--help`) and the docs use.
 */
import { fileURLToPath } from 'node:url';

import type { RuleName, TransformName } from 'eslint-plugin-bounded/analysis';

import { TRANSFORM_RULES } from './apply.js';

/** One transform: its name (also its file in `dist/transforms/`), what it does and what it fixes. */
export interface TransformInfo {
  readonly name: TransformName;
  /** One imperative sentence. */
  readonly description: string;
  /** The rules whose findings it rewrites. */
  readonly rules: readonly RuleName[];
  /** Documentation page, relative to the repository root. */
  readonly doc: string;
}

export const TRANSFORMS: readonly TransformInfo[] = [
  {
    name: 'ring-buffer',
    description: 'Replace arrays that grow for the life of the process with a RingBuffer of fixed capacity',
    rules: TRANSFORM_RULES['ring-buffer'],
    doc: 'docs/codemods/ring-buffer.md',
  },
  {
    name: 'ttl-map',
    description: 'Replace unbounded Maps, Sets and records with TtlMap / TtlSet (max entries, optional TTL)',
    rules: TRANSFORM_RULES['ttl-map'],
    doc: 'docs/codemods/ttl-map.md',
  },
  {
    name: 'listener-cleanup',
    description: 'Remove leaked event listeners in the teardown of their class or module',
    rules: TRANSFORM_RULES['listener-cleanup'],
    doc: 'docs/codemods/listener-cleanup.md',
  },
  {
    name: 'interval-cleanup',
    description: 'Store leaked interval handles and clear them in the teardown',
    rules: TRANSFORM_RULES['interval-cleanup'],
    doc: 'docs/codemods/interval-cleanup.md',
  },
];

/** The transform names, in registry order. */
export const TRANSFORM_NAMES: readonly TransformName[] = TRANSFORMS.map((t) => t.name);

/** Absolute path of a transform's built file (usable with `jscodeshift -t`). */
export function transformPath(name: TransformName): string {
  return fileURLToPath(new URL(`./transforms/${name}.js`, import.meta.url));
}

/**
 * The transforms as a Markdown table (name, what it does, rules it fixes, docs link), for the README's
 * `<!-- begin transforms list -->` block (see `codemods/scripts/transforms-list.mjs`). `docsPrefix` is
 * prepended to each doc path (e.g. `''` from the repository root).
 */
export function transformsTable(docsPrefix = ''): string {
  const rows = TRANSFORMS.map(
    (t) => `| [\`${t.name}\`](${docsPrefix}${t.doc}) | ${t.description} | ${t.rules.map((r) => `\`bounded/${r}\``).join(', ')} |`,
  );
  return ['| transform | what it does | fixes |', '|---|---|---|', ...rows].join('\n');
}
