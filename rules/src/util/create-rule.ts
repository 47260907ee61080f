import { ESLintUtils } from '@typescript-eslint/utils';

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

/** typescript-eslint's RuleCreator: derives `meta.docs.url` from the rule name. */
export const createRule = ESLintUtils.RuleCreator<BoundedRuleDocs>((name) => `${DOCS_BASE}${name}.md`);
