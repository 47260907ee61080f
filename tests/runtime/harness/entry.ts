// Bundle entry for workerd and Chromium: registers the portable runtime test files on the vitest
// shim and exposes `run()`. The list is THE list of portable files; cross-env.test.ts checks that the
// Node run of the same files has the same number of cases.
import '../ring-buffer.test.js';
import '../ttl-map.test.js';
import '../ttl-set.test.js';
import '../listener-scope.test.js';
import '../model.test.js';
import '../types.test.js';

export { run } from './vitest-shim.js';
