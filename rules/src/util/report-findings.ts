import type { TSESLint } from '@typescript-eslint/utils';

import type { Finding } from '../analysis/types.js';
import { rewriteFixes } from '../analysis/shared/eslint.js';
import { isCommonJs } from '../analysis/shared/style.js';

/**
 * Reports shared-analysis findings from a rule: one report per finding at its range, with the
 * finding's messageId and data, and its rewrite (when present) as the single suggestion
 * `suggestBounded` — never an autofix. The suggestion also adds `import { ... } from 'bounded'`, so
 * none is offered in a CommonJS file (`.cjs`, or a `.js`/`.jsx` file that uses `require`/`module.exports`
 * and has no import or export declaration) when the rewrite needs the runtime.
 */
export function reportFindings<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  findings: readonly Finding[],
  suggestMessageId?: MessageIds,
): void {
  const sourceCode = context.sourceCode;
  let commonJs: boolean | undefined;
  for (const finding of findings) {
    let rewrite = finding.rewrite;
    // An `import` added to a CommonJS file would stop it from loading: no suggestion there, as the
    // codemod skips such a rewrite (asked only for rewrites that need the runtime).
    if (rewrite && rewrite.imports.length > 0 && (commonJs ??= isCommonJs(sourceCode.ast, context.filename, sourceCode.text))) rewrite = undefined;
    context.report({
      loc: { start: sourceCode.getLocFromIndex(finding.range[0]), end: sourceCode.getLocFromIndex(finding.range[1]) },
      messageId: finding.messageId as MessageIds,
      data: finding.data,
      ...(rewrite && suggestMessageId
        ? {
            suggest: [
              {
                messageId: suggestMessageId,
                data: { description: rewrite.description },
                fix: (fixer: TSESLint.RuleFixer) => rewriteFixes(fixer, sourceCode.ast, sourceCode.text, rewrite),
              },
            ],
          }
        : {}),
    });
  }
}
