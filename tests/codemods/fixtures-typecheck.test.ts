// Every fixture output type-checks as well as its input: no rewrite adds a type error (the project
// check of the CLI, run on all fixture pairs at once in a temp project with the runtime installed).
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

import { checkProject, TRANSFORM_NAMES } from 'bounded-codemod';
import { afterAll, expect, it } from 'vitest';

import { fixturePairs, removeProject, ROOT, tempProject } from './helpers.js';

const TYPES = `export interface AgentEvent { readonly id: string }
export interface Session { readonly id: string }
export interface Job { readonly id: string }
export interface StreamEvent { readonly type: string }
`;
const MODEL = `export async function embed(text: string): Promise<number[]> {\n  return [text.length];\n}\n`;

const pairs = TRANSFORM_NAMES.flatMap((t) =>
  fixturePairs(t).map((p) => ({ ...p, file: `src/${t}--${p.name}${/\.input(\.[cm]?[jt]sx?)$/.exec(p.inputPath)![1]}` })),
);
const files: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { strict: true, target: 'ES2022', lib: ['ES2023', 'DOM'], module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true, skipLibCheck: true, jsx: 'preserve', types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] },
    include: ['src'],
  }),
  'package.json': '{ "type": "module", "private": true }',
  'src/types.ts': TYPES,
  'src/model.ts': MODEL,
};
for (const p of pairs) files[p.file] = p.input;
const dir = tempProject(files);
mkdirSync(join(dir, 'node_modules'), { recursive: true });
symlinkSync(join(ROOT, 'runtime'), join(dir, 'node_modules', 'bounded'), 'dir');
afterAll(() => removeProject(dir));

it('adds no type error in any fixture output', () => {
  const result = checkProject({
    tsconfig: join(dir, 'tsconfig.json'),
    typecheck: true,
    files: pairs.map((p) => ({ file: join(dir, p.file), original: p.input, output: p.output, applied: [], skipped: [] })),
    rewrite: () => {
      throw new Error('no cross-file exclusions expected');
    },
  });
  const reverted = [...result.files].filter(([, o]) => o.reverted).map(([f, o]) => `${f}: ${o.reverted}`);
  expect(reverted).toEqual([]);
  expect(pairs.length).toBeGreaterThan(10);
});
