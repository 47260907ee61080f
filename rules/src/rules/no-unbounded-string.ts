import { findingsForRule, isOutOfScope, modelListeners } from '../analysis/collections/index.js';
import { analysisContextOf } from '../analysis/shared/eslint.js';
import { createRule } from '../util/create-rule.js';
import { checkShortLivedClasses, checkTestFiles, patternList } from '../util/schema.js';
import { reportFindings } from '../util/report-findings.js';

export type Options = [
  {
    ignore?: string[];
    checkTestFiles?: boolean;
    checkShortLivedClasses?: boolean;
    checkModuleBindings?: boolean;
  },
];

export type MessageIds = 'unboundedString';

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-string',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow string fields and module variables that are appended to for ever and never reset',
      recommended: true,
    },
    messages: {
      unboundedString:
        '`{{name}}` is appended to ({{how}} at line {{line}}) and never reset or trimmed: the string keeps every piece for the life of its owner.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignore: patternList(
            'Regular expressions matched against the field or variable name; matching declarations are not reported.',
          ),
          checkModuleBindings: {
            type: 'boolean',
            description: 'Also report module-level `let` strings (they live as long as the process).',
          },
          checkTestFiles,
          checkShortLivedClasses,
        },
      },
    ],
    defaultOptions: [{ checkModuleBindings: true }],
  },
  defaultOptions: [{ checkModuleBindings: true }],
  create(context, [options]) {
    if (isOutOfScope(context.filename, options, context.cwd)) return {};
    return {
      ...modelListeners(context.sourceCode.ast),
      'Program:exit'() {
        reportFindings(context, findingsForRule(analysisContextOf(context), 'no-unbounded-string', options));
      },
    };
  },
});
