import { findingsForRule, isOutOfScope, modelListeners } from '../analysis/collections/index.js';
import { analysisContextOf } from '../analysis/shared/eslint.js';
import { createRule } from '../util/create-rule.js';
import { checkShortLivedClasses, checkTestFiles, patternList, stringList } from '../util/schema.js';
import { reportFindings } from '../util/report-findings.js';

export type Options = [
  {
    growthMethods?: string[];
    shrinkMethods?: string[];
    ignore?: string[];
    teardownMethods?: string[];
    checkTestFiles?: boolean;
    checkShortLivedClasses?: boolean;
    checkLocals?: boolean;
  },
];

export type MessageIds = 'unbounded' | 'unboundedLocal' | 'keyMismatch' | 'conditionalCleanup' | 'suggestBounded';

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-collection',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow arrays, Maps, Sets and records that grow for the life of the process and are never trimmed',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      unbounded:
        '`{{name}}` grows without bound: {{how}} at line {{line}} adds entries and nothing in this file removes them (no shift/pop/splice/delete/clear, size cap or reset).',
      unboundedLocal:
        '`{{name}}` grows on every turn of the {{context}} ({{how}} at line {{line}}) and is never trimmed while it runs.',
      keyMismatch:
        '`{{name}}` grows ({{how}} at line {{line}}) but its removal at line {{cleanupLine}} never matches: {{detail}}.',
      conditionalCleanup:
        '`{{name}}` grows ({{how}} at line {{line}}) and its cleanup (line {{cleanupLine}}) only runs when `{{detail}}`: entries that never take that branch stay for ever.',
      suggestBounded: '{{description}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          growthMethods: stringList(
            'Extra method names that add entries (besides push, unshift, splice(i, 0, x), set, add).',
          ),
          shrinkMethods: stringList(
            'Extra method names that remove entries (besides shift, pop, splice, delete, clear).',
          ),
          ignore: patternList(
            'Regular expressions matched against the field or binding name; matching declarations are not reported.',
          ),
          teardownMethods: stringList(
            "Extra names of methods that end the owner's life (besides close, dispose, destroy, stop, shutdown, disconnect, terminate, cleanup, unmount, detach, [Symbol.dispose]): a loop there that releases every entry (entry.close(), sub.unsubscribe(), ...) bounds a registry of live resources.",
          ),
          checkLocals: {
            type: 'boolean',
            description: 'Report local arrays grown inside unbounded loops (for await, while (true)) and long-lived event handlers.',
          },
          checkTestFiles,
          checkShortLivedClasses,
        },
      },
    ],
    defaultOptions: [{ checkLocals: true }],
  },
  defaultOptions: [{ checkLocals: true }],
  create(context, [options]) {
    if (isOutOfScope(context.filename, options, context.cwd)) return {};
    return {
      ...modelListeners(context.sourceCode.ast),
      'Program:exit'() {
        reportFindings(context, findingsForRule(analysisContextOf(context), 'no-unbounded-collection', options), 'suggestBounded');
      },
    };
  },
});
