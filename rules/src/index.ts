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

/**
 * Options the `strict` config sets on top of the defaults: it also reports the cases the defaults leave
 * out as usually bounded in practice (classes named like per-operation objects, `once` registrations whose
 * event may never fire, module-scope intervals that live as long as the process).
 */
const STRICT_OPTIONS: Partial<Record<RuleName, Record<string, unknown>>> = {
  'no-unbounded-collection': { checkShortLivedClasses: true },
  'no-unbounded-cache': { checkShortLivedClasses: true },
  'no-unbounded-string': { checkShortLivedClasses: true },
  'no-leaked-listener': { checkOnce: true },
  'no-leaked-interval': { checkModuleScope: true },
};

function configOf(name: 'recommended' | 'strict' | 'all'): Linter.Config {
  const entries = (Object.keys(rules) as RuleName[])
    .filter((rule) => name !== 'recommended' || rules[rule].meta.docs?.recommended === true)
    .map((rule) => {
      const options = name === 'strict' ? STRICT_OPTIONS[rule] : undefined;
      const setting: Linter.RuleEntry = options ? ['error', options] : 'error';
      return [`bounded/${rule}`, setting] as const;
    });
  return { name: `bounded/${name}`, plugins: { bounded: plugin }, rules: Object.fromEntries(entries) };
}

/** Every rule that is on by default, with its default options. */
plugin.configs.recommended = configOf('recommended');
/** Every rule, with the options that also report the usually-bounded cases. */
plugin.configs.strict = configOf('strict');
/** Every rule, with its default options. */
plugin.configs.all = configOf('all');

export const configs = plugin.configs;
export default plugin;
