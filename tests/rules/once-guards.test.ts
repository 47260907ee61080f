import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../../rules/src/rules/no-leaked-listener.js';

// Once flags the eleventh fresh review found unread (session 11):
// - node-postgres' `Client._connect()` exits early when `this._connecting || this._connected`, after
//   scheduling the callback's error, and then sets `this._connecting = true`: its registrations on the
//   connection run once per client;
// - mongoose's `ChangeStream._bindEvents()` sets `this.bindedEvents` behind `if (this.bindedEvents)
//   return;` and registers inside `promise.then(() => ...)` and `events.forEach(ev => ...)`: functions
//   that run within the guarded call.
// - rxjs.dev's `ApiService` subscribes behind `if (this.firstTime) { this.firstTime = false; ... }`;
// - the observable polyfill passes `cleanupSignal ? { once: true, signal } : { once: true }`: once
//   either way;
// - rxjs.dev's `ScrollSpyService` subscribes to fields defined as `fromEvent(...).pipe(...,
//   takeUntil(this.onStopListening))`, a subject its `unspy()` fires: the subscriptions end themselves.
// Near-misses: an early exit that never sets the flag it tests, a guard without an exit, a
// registration inside an event handler (it runs on every event, whatever the guard), a flag set to
// the value it was tested for, options that are once in one branch only, and a `takeUntil` subject
// that nothing fires.
const ruleTester = new RuleTester();

const PG_CLIENT = `import { EventEmitter } from 'node:events';
declare class Connection extends EventEmitter { connect(port: number, host: string): void; startup(): void }
export class Client extends EventEmitter {
  private connection: Connection;
  private _connecting = false;
  private _connected = false;
  constructor(connection: Connection) {
    super();
    this.connection = connection;
  }
  _connect(callback: (err?: Error) => void): void {
    const con = this.connection;
    if (this._connecting || this._connected) {
      const err = new Error('Client has already been connected. You cannot reuse a client.');
      process.nextTick(() => callback(err));
      return;
    }
    this._connecting = true;
    con.connect(5432, 'localhost');
    con.on('connect', () => {
      con.startup();
    });
  }
  end(): void {}
}
`;

const CHANGE_STREAM = `import { EventEmitter } from 'node:events';
const driverChangeStreamEvents = ['close', 'change', 'end', 'error', 'resumeTokenChanged'];
export class ChangeStream extends EventEmitter {
  private bindedEvents = false;
  private closed = false;
  constructor(
    private readonly driverChangeStream: EventEmitter,
    private readonly ready: Promise<void>,
    private readonly bus: EventEmitter,
  ) {
    super();
  }
  _bindEvents(): void {
    if (this.bindedEvents) {
      return;
    }
    this.bindedEvents = true;
    this.ready.then(() => {
      this.driverChangeStream.on('close', () => {
        this.closed = true;
      });
      driverChangeStreamEvents.forEach((ev) => {
        this.driverChangeStream.on(ev, (data: unknown) => this.emit(ev, data));
      });
    });
  }
  close(): void {}
}
`;

ruleTester.run('no-leaked-listener (once guards)', rule, {
  valid: [
    { name: 'node-postgres Client._connect: an early exit that does work first, on either of two flags', code: PG_CLIENT },
    { name: 'mongoose ChangeStream._bindEvents: registrations in a promise reaction and a forEach behind the flag', code: CHANGE_STREAM },
  ],
  invalid: [
    {
      name: 'near-miss: the early exit tests flags that nothing in the block sets',
      code: PG_CLIENT.replace('    this._connecting = true;\n', ''),
      errors: [{ messageId: 'unremovable' }],
    },
    {
      name: 'near-miss: the flag is set but the guard does not exit',
      code: PG_CLIENT.replace('      return;\n    }\n    this._connecting', '    }\n    this._connecting'),
      errors: [{ messageId: 'unremovable' }],
    },
    {
      name: 'near-miss: a registration inside an event handler runs on every event, flag or not',
      code: CHANGE_STREAM.replace('this.ready.then(() => {', "this.bus.on('resume', () => {"),
      errors: [{ messageId: 'unremovable' }, { messageId: 'unremovable' }],
    },
  ],
});

const FIRST_TIME = `import { Subject } from 'rxjs';
export class ApiService {
  private firstTime = true;
  private readonly _sections = new Subject<string[]>();
  get sections(): Subject<string[]> {
    if (this.firstTime) {
      this.firstTime = false;
      this._sections.subscribe(() => console.log('ApiService got API sections'));
    }
    return this._sections;
  }
}
`;

const POLYFILL = `export function watch(signal: AbortSignal, cleanupSignal: AbortSignal | undefined, run: (r: unknown) => void): void {
  signal.addEventListener('abort', () => run(signal.reason), cleanupSignal ? { once: true, signal: cleanupSignal } : { once: true });
}
`;

const SCROLL_SPY = `import { fromEvent, Subject } from 'rxjs';
import { auditTime, takeUntil } from 'rxjs/operators';
export class ScrollSpyService {
  private groups: object[] = [];
  private onStopListening = new Subject<void>();
  private resizeEvents = fromEvent(window, 'resize').pipe(auditTime(300), takeUntil(this.onStopListening));
  spyOn(group: object): () => void {
    if (!this.groups.length) {
      this.resizeEvents.subscribe(() => this.onResize());
    }
    this.groups.push(group);
    return () => this.unspy(group);
  }
  private unspy(group: object): void {
    this.groups = this.groups.filter((g) => g !== group);
    if (!this.groups.length) this.onStopListening.next();
  }
  private onResize(): void {}
}
`;

ruleTester.run('no-leaked-listener (self-limiting registrations)', rule, {
  valid: [
    { name: 'rxjs.dev ApiService: `if (this.firstTime) { this.firstTime = false; ... }`', code: FIRST_TIME },
    { name: 'observable polyfill: `{ once: true }` in both branches of the options', code: POLYFILL },
    { name: 'rxjs.dev ScrollSpyService: a field piped through takeUntil of a subject the class fires', code: SCROLL_SPY },
  ],
  invalid: [
    {
      name: 'near-miss: the flag is set to the value it was tested for',
      code: FIRST_TIME.replace('this.firstTime = false;', 'this.firstTime = true;'),
      errors: [{ messageId: 'leakedPerCall' }],
    },
    {
      name: 'near-miss: once in one branch only',
      code: POLYFILL.replace(': { once: true });', ': { passive: true });'),
      errors: [{ messageId: 'unremovable' }],
    },
    {
      name: 'near-miss: nothing fires the takeUntil subject',
      code: SCROLL_SPY.replace('if (!this.groups.length) this.onStopListening.next();', ''),
      errors: [{ messageId: 'leakedPerCall' }],
    },
  ],
});
