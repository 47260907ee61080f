import { listenerRuleListeners } from '../analysis/listeners/from-eslint.js';
import { analyzeLeakedListeners, isListenerRuleOutOfScope, type LeakedListenerOptions } from '../analysis/listeners/index.js';
import { createRule } from '../util/create-rule.js';
import { reportFindings } from '../util/report-findings.js';
import { checkTestFiles, patternList } from '../util/schema.js';

export type Options = [LeakedListenerOptions];
export type MessageIds = 'leaked' | 'leakedPerCall' | 'unremovable' | 'mismatchedRemoval' | 'successPathOnly' | 'suggestCleanup';

const methodList = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } as const;

export default createRule<Options, MessageIds>({
  name: 'no-leaked-listener',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow event listeners, subscriptions and observers that are never removed',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      leaked: "Listener {{handler}} for {{event}} on `{{target}}` is never removed: no {{missing}} in {{scope}}.",
      leakedPerCall:
        "{{fn}} adds listener {{handler}} for {{event}} to the longer-lived `{{target}}` each time it runs and never removes it: no {{missing}} in {{scope}}.",
      unremovable:
        "The {{kind}} handler for {{event}} on `{{target}}` can never be removed: {{missing}} needs the same function. Keep it in a named field or variable, or pass `{ signal }`.",
      mismatchedRemoval: "Listener {{handler}} for {{event}} on `{{target}}` is never removed: the removal on line {{line}} {{why}}.",
      successPathOnly:
        "Listener {{handler}} for {{event}} on `{{target}}` is removed only {{when}}; it stays on error, abort or timeout. Remove it on every path (e.g. in `finally`).",
      suggestCleanup: '{{description}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          teardownMethods: {
            ...methodList,
            description: 'Method names that end an object\'s life (where a removal counts and where the suggestion adds it). Default: close, destroy, dispose, stop, disconnect.',
          },
          addMethods: { ...methodList, description: 'Extra registration method names, taking (event, handler), added to on/addListener/prependListener/once/addEventListener/subscribe.' },
          removeMethods: { ...methodList, description: 'Extra removal method names, taking (event, handler), added to off/removeListener/removeEventListener.' },
          ignoreTargets: patternList('Regular expressions matched against the target as written (e.g. "^this\\\\.bus$"); matching targets are never reported.'),
          checkOnce: { type: 'boolean', description: 'Also report `once` registrations and `{ once: true }`, whose event may never fire. Default false.' },
          checkTestFiles,
        },
      },
    ],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    // A test file without checkTestFiles: no findings, so no listeners (the other rule of the family feeds the model if it needs one).
    if (isListenerRuleOutOfScope(context.filename, options, context.cwd)) return {};
    return listenerRuleListeners(context, options, (analysisContext) => {
      reportFindings(context, analyzeLeakedListeners(analysisContext, options), 'suggestCleanup');
    });
  },
});
