import { listenerRuleListeners } from '../analysis/listeners/from-eslint.js';
import { analyzeLeakedIntervals, isListenerRuleOutOfScope, type LeakedIntervalOptions } from '../analysis/listeners/index.js';
import { createRule } from '../util/create-rule.js';
import { reportFindings } from '../util/report-findings.js';
import { checkTestFiles, patternList } from '../util/schema.js';

export type Options = [LeakedIntervalOptions];
export type MessageIds = 'discarded' | 'neverCleared' | 'onlyReArmed' | 'overwritten' | 'suggestCleanup';

export default createRule<Options, MessageIds>({
  name: 'no-leaked-interval',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `setInterval` timers that are never cleared',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      discarded: 'The handle of `setInterval` in {{where}} is discarded, so the interval can never be cleared: it runs and keeps its closure for the life of the process.',
      neverCleared: 'Interval `{{handle}}` set in {{where}} is never passed to `clearInterval`.',
      onlyReArmed:
        'Interval `{{handle}}` set in {{where}} is only cleared to start a new one (line {{line}}): nothing ever stops it, so it runs and keeps its closure for the life of the process.',
      overwritten: '`{{handle}}` is assigned a new interval in {{where}} without clearing the previous one: each call leaks a running interval.',
      suggestCleanup: '{{description}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          teardownMethods: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: 'Method names that end an object\'s life (where the suggestion adds `clearInterval`). Default: close, destroy, dispose, stop, disconnect.',
          },
          checkModuleScope: {
            type: 'boolean',
            description: 'Also report `setInterval` at module top level, a process-lifetime timer (workerd rejects timers at module scope). Default false.',
          },
          checkOverwrite: {
            type: 'boolean',
            description: 'Report a field or module variable assigned a new interval, in code that may run again, without clearing the previous one first. Default true.',
          },
          ignore: patternList(
            'Regular expressions matched against the handle as written (`this.heartbeat`, `timer`) or, for a discarded handle, the name of the function or method that starts the interval (`startPolling`); matching intervals are not reported.',
          ),
          checkTestFiles,
        },
      },
    ],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    // A test file without checkTestFiles: no findings, so no listeners (the other rule of the family feeds the model if it needs one).
    if (isListenerRuleOutOfScope(context.filename, options, context.cwd)) return {};
    return listenerRuleListeners(context, undefined, (analysisContext) => {
      reportFindings(context, analyzeLeakedIntervals(analysisContext, options), 'suggestCleanup');
    }, 'interval');
  },
});
