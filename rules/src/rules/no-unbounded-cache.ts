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
  },
];

export type MessageIds = 'unboundedCache' | 'keyMismatch' | 'conditionalCleanup' | 'suggestBounded';

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-cache',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow memo caches (Maps and records looked up and filled by key) that never delete or evict',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      unboundedCache:
        '`{{name}}` is a cache keyed by `{{key}}` (filled at line {{line}}) that never deletes or evicts: it keeps one entry per distinct key for ever.',
      keyMismatch:
        '`{{name}}` is a cache keyed by `{{key}}` (filled at line {{line}}) whose removal at line {{cleanupLine}} never matches: {{detail}}.',
      conditionalCleanup:
        '`{{name}}` is a cache keyed by `{{key}}` (filled at line {{line}}) whose cleanup (line {{cleanupLine}}) only runs when `{{detail}}`: entries that never take that branch stay for ever.',
      suggestBounded: '{{description}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          growthMethods: stringList(
            'Extra method names that insert into the cache (besides set and obj[key] = value).',
          ),
          shrinkMethods: stringList(
            'Extra method names that evict from the cache (besides delete and clear).',
          ),
          ignore: patternList(
            'Regular expressions matched against the cache name; matching caches are not reported.',
          ),
          teardownMethods: stringList(
            "Extra names of methods that end the owner's life (besides close, dispose, destroy, stop, shutdown, disconnect, terminate, cleanup, unmount, detach, [Symbol.dispose]): a loop there that releases every entry (entry.close(), sub.unsubscribe(), ...) bounds a registry of live resources.",
          ),
          checkTestFiles,
          checkShortLivedClasses,
        },
      },
    ],
    defaultOptions: [{}],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    if (isOutOfScope(context.filename, options, context.cwd)) return {};
    return {
      ...modelListeners(context.sourceCode.ast),
      'Program:exit'() {
        reportFindings(context, findingsForRule(analysisContextOf(context), 'no-unbounded-cache', options), 'suggestBounded');
      },
    };
  },
});
