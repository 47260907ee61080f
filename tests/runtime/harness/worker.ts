// workerd module worker: runs the bundled portable tests on each request and answers with JSON.
import { run } from './entry.js';

export default {
  async fetch(): Promise<Response> {
    const results = await run();
    return new Response(JSON.stringify({ userAgent: navigator.userAgent, results }), { headers: { 'content-type': 'application/json' } });
  },
};
