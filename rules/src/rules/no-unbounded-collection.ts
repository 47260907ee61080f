// SCAFFOLD: replaced by the real rule; reports nothing until then.
import { createRule } from '../util/create-rule.js';

export default createRule({
  name: 'no-unbounded-collection',
  meta: {
    type: 'problem',
    docs: { description: 'Scaffold of no-unbounded-collection', recommended: true },
    messages: { scaffold: 'scaffold' },
    schema: [],
  },
  defaultOptions: [],
  create() {
    return {};
  },
});
