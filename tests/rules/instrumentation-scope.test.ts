import { RuleTester } from '@typescript-eslint/rule-tester';

import cacheRule from '../../rules/src/rules/no-unbounded-cache.js';

// OpenTelemetry providers keep one tracer, meter or logger per instrumentation scope, as the
// specification asks: the SDK's `BasicTracerProvider._tracers` and `MeterProviderSharedState` (fresh
// review 10), sentry's Cloudflare and Deno tracer providers and dd-trace's meter and logger providers
// (fresh review 12). The scope's name and version are written in the instrumented libraries' code.
// Near-miss: the same cache filled in a method that is not a provider's (`startSpan(name)`).
const TRACER_PROVIDER = `export class BasicTracerProvider {
  private readonly _tracers: Map<string, Tracer> = new Map();
  getTracer(name: string, version?: string, options?: { schemaUrl?: string }): Tracer {
    const key = \`\${name}@\${version || ''}:\${options?.schemaUrl || ''}\`;
    if (!this._tracers.has(key)) {
      this._tracers.set(key, new Tracer(name, version));
    }
    return this._tracers.get(key)!;
  }
}
declare class Tracer {
  constructor(name: string, version?: string);
}
`;

const SHARED_STATE = `export class MeterProviderSharedState {
  meterSharedStates: Map<string, MeterSharedState> = new Map();
  getMeterSharedState(instrumentationScope: { name: string; version?: string }): MeterSharedState {
    const id = \`\${instrumentationScope.name}:\${instrumentationScope.version ?? ''}\`;
    let state = this.meterSharedStates.get(id);
    if (state == null) {
      state = new MeterSharedState(instrumentationScope);
      this.meterSharedStates.set(id, state);
    }
    return state;
  }
}
declare class MeterSharedState {
  constructor(scope: object);
}
`;

const NOT_A_PROVIDER = TRACER_PROVIDER.replace('getTracer(', 'startSpan(');

const tester = new RuleTester();
tester.run('no-unbounded-cache (one entry per instrumentation scope)', cacheRule, {
  valid: [
    { name: "a tracer provider's getTracer(name, version)", code: TRACER_PROVIDER },
    { name: 'a function taking the instrumentationScope', code: SHARED_STATE },
  ],
  invalid: [
    {
      name: 'near-miss: the same cache in a method that is not a provider method',
      code: NOT_A_PROVIDER,
      errors: [
        {
          messageId: 'unboundedCache',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestBounded',
              output:
                "import { TtlMap } from 'bounded';\nconst TRACERS_MAX = 10_000;\nconst TRACERS_TTL_MS = 10 * 60_000;\n" +
                NOT_A_PROVIDER.replace('= new Map();', '= new TtlMap<string, Tracer>({ max: TRACERS_MAX, ttl: TRACERS_TTL_MS });'),
            },
          ],
        },
      ],
    },
  ],
});
