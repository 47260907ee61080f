import type { TSESLint } from '@typescript-eslint/utils';

import type { Finding } from '../analysis/types.js';
import { rewriteFixes } from '../analysis/shared/eslint.js';

/**
 * Reports shared-analysis findings from a rule: one report per finding at its range, with the
 * finding's messageId and data, and its rewrite (when present) as the single suggestion
 * `suggestBounded` — never an autofix. The suggestion also adds `import { ... } from 'bounded'`.
 */
export function reportFindings<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  findings: readonly Finding[],
  suggestMessageId?: MessageIds,
): void {
  const sourceCode = context.sourceCode;
  for (const finding of findings) {
    const rewrite = finding.rewrite;
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
