import { ESLintUtils } from '@typescript-eslint/utils';
import type { RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';

/** Docs of every rule live in the repository at docs/rules/<name>.md. */
export const DOCS_BASE = 'https://github.com/bounded-js/bounded/blob/main/docs/rules/';

export interface BoundedRuleDocs {
  /** Included in the `recommended` config. */
  recommended?: boolean;
  /** Included in the `strict` config. */
  strict?: boolean;
  /** Uses type information when the parser provides it (never required). */
  requiresTypeChecking?: false;
}

const ruleCreator = ESLintUtils.RuleCreator<BoundedRuleDocs>((name) => `${DOCS_BASE}${name}.md`);

/**
 * typescript-eslint's RuleCreator (derives `meta.docs.url` from the rule name, merges
 * `meta.defaultOptions` under the user's options), with the merge memoised per options object.
 *
 * RuleCreator runs `applyDefault` — a `structuredClone` plus a deep merge — in every `create`, that
 * is once per rule per linted file; it was 5 % of the plugin's time on the lint benchmark. ESLint
 * passes the same options object (the rule's entry of the resolved config) to every file the config
 * covers, so the merged result is cached in a WeakMap keyed by that object, and computed once for
 * "no options". Rules must not mutate their options (none does). O(1) per file after the first.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<RuleWithMetaAndName<Options, MessageIds, BoundedRuleDocs>>,
): ReturnType<typeof ruleCreator<Options, MessageIds>> {
  const created = ruleCreator<Options, MessageIds>(rule);
  const defaults = (rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as Options;
  const merged = new WeakMap<object, Options>();
  let withoutOptions: Options | undefined;
  const apply = (given: readonly unknown[]): Options => ESLintUtils.applyDefault<readonly unknown[], Options>(defaults, given);
  return {
    ...created,
    create(context) {
      const given = context.options as readonly unknown[];
      const first = given[0];
      let options: Options | undefined;
      if (given.length === 0) {
        options = withoutOptions ??= apply(given);
      } else if (given.length === 1 && typeof first === 'object' && first !== null) {
        options = merged.get(first);
        if (!options) merged.set(first, (options = apply(given)));
      } else {
        options = apply(given);
      }
      return rule.create(context, options);
    },
  };
}
