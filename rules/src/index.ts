import type { ESLint, Linter } from 'eslint';

import noLeakedInterval from './rules/no-leaked-interval.js';
import noLeakedListener from './rules/no-leaked-listener.js';
import noUnboundedCache from './rules/no-unbounded-cache.js';
import noUnboundedCollection from './rules/no-unbounded-collection.js';
import noUnboundedString from './rules/no-unbounded-string.js';

/** Every rule of the plugin, by name (without the `bounded/` prefix). */
export const rules = {
  'no-unbounded-collection': noUnboundedCollection,
  'no-unbounded-cache': noUnboundedCache,
  'no-leaked-listener': noLeakedListener,
  'no-leaked-interval': noLeakedInterval,
  'no-unbounded-string': noUnboundedString,
};

type RuleName = keyof typeof rules;

const plugin = {
  meta: { name: 'eslint-plugin-bounded', version: '0.1.0', namespace: 'bounded' },
  // typescript-eslint's RuleModule and ESLint's RuleDefinition describe the same objects.
  rules: rules as unknown as NonNullable<ESLint.Plugin['rules']>,
  configs: {} as Record<'recommended' | 'strict' | 'all', Linter.Config>,
} satisfies ESLint.Plugin;

function configOf(name: 'recommended' | 'strict' | 'all', pick: (rule: (typeof rules)[RuleName]) => boolean): Linter.Config {
  const entries = (Object.keys(rules) as RuleName[])
    .filter((rule) => pick(rules[rule]))
    .map((rule) => [`bounded/${rule}`, 'error'] as const);
  return { name: `bounded/${name}`, plugins: { bounded: plugin }, rules: Object.fromEntries(entries) };
}

plugin.configs.recommended = configOf('recommended', (rule) => rule.meta.docs?.recommended === true);
plugin.configs.strict = configOf(
  'strict',
  (rule) => rule.meta.docs?.recommended === true || rule.meta.docs?.strict === true,
);
plugin.configs.all = configOf('all', () => true);

export const configs = plugin.configs;
export default plugin;
