// Portable: runs in Node (vitest), workerd and Chromium (see harness/). Uses the platform EventTarget
// and a minimal EventEmitter-like class, so nothing here is Node-only.
import { ListenerScope } from 'bounded';
import { describe, expect, it } from 'vitest';

type Listener = (...args: unknown[]) => void;

class Emitter {
  listeners = new Map<string, Listener[]>();
  on(event: string, l: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), l]);
    return this;
  }
  off(event: string, l: Listener): this {
    const ls = this.listeners.get(event) ?? [];
    // Like Node: a once-wrapper is found by the listener it wraps.
    const i = ls.findIndex((x) => x === l || (x as { listener?: Listener }).listener === l);
    if (i >= 0) ls.splice(i, 1);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) l(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An emitter with removeListener and once, like Node's. */
class NodeishEmitter extends Emitter {
  removeListener(event: string, l: Listener): this {
    return this.off(event, l);
  }
  once(event: string, l: Listener): this {
    const w: Listener = (...args) => {
      this.off(event, w);
      l(...args);
    };
    (w as { listener?: Listener }).listener = l;
    return this.on(event, w);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ListenerScope', () => {
  it('removes EventEmitter-like listeners on dispose and is idempotent', () => {
    const scope = new ListenerScope();
    const e = new Emitter();
    const got: unknown[] = [];
    scope.on(e, 'data', (x: unknown) => got.push(x));
    scope.on(e, 'data', (x: unknown) => got.push(`second ${String(x)}`));
    expect(scope.size).toBe(2);
    e.emit('data', 1);
    scope.dispose();
    e.emit('data', 2);
    expect(got).toEqual([1, 'second 1']);
    expect(e.count('data')).toBe(0);
    expect(scope.disposed).toBe(true);
    expect(scope.size).toBe(0);
    scope.dispose();
  });

  it('uses removeListener when the emitter has no off, and rejects emitters with neither', () => {
    const scope = new ListenerScope();
    const e = new NodeishEmitter();
    scope.on(e, 'x', () => {});
    expect(e.count('x')).toBe(1);
    scope.dispose();
    expect(e.count('x')).toBe(0);
    const bare = { on: () => {} };
    expect(() => new ListenerScope().on(bare, 'x', () => {})).toThrow(/^bounded\/listener-scope: the emitter has neither off\(\) nor removeListener\(\)/);
  });

  it('once listeners drop their record when they fire, with or without emitter.once', () => {
    for (const e of [new Emitter(), new NodeishEmitter()]) {
      const scope = new ListenerScope();
      const got: unknown[] = [];
      scope.once(e, 'ready', (x: unknown) => got.push(x));
      expect(scope.size).toBe(1);
      e.emit('ready', 'a');
      e.emit('ready', 'b');
      expect(got).toEqual(['a']);
      expect(scope.size).toBe(0);
      expect(e.count('ready')).toBe(0);
      scope.once(e, 'ready', (x: unknown) => got.push(x));
      scope.dispose();
      e.emit('ready', 'c');
      expect(got).toEqual(['a']);
    }
  });

  it('removes EventTarget listeners (function and handleEvent object) on dispose', () => {
    const scope = new ListenerScope();
    const target = new EventTarget();
    let n = 0;
    scope.addEventListener(target, 'ping', () => n++);
    scope.addEventListener(target, 'ping', { handleEvent: () => n++ }, { once: false });
    target.dispatchEvent(new Event('ping'));
    expect(n).toBe(2);
    scope.dispose();
    target.dispatchEvent(new Event('ping'));
    expect(n).toBe(2);
  });

  it('removes listeners of an EventTarget-like with the same capture flag (workerd rejects capture: true)', () => {
    const added = new Map<unknown, boolean>();
    const removed: boolean[] = [];
    const target = {
      addEventListener: (_t: string, l: unknown, o?: boolean | AddEventListenerOptions) => void added.set(l, typeof o === 'object' && o.capture === true),
      removeEventListener: (_t: string, l: unknown, o?: boolean | EventListenerOptions) => {
        removed.push(typeof o === 'object' && o.capture === true);
        added.delete(l);
      },
    };
    const scope = new ListenerScope();
    scope.addEventListener(target, 'message', () => {});
    scope.addEventListener(target, 'message', () => {}, true);
    expect([...added.values()]).toEqual([false, true]);
    scope.dispose();
    expect(added.size).toBe(0);
    expect(removed).toEqual([true, false]);
  });

  it('a once EventTarget listener drops its record when it fires', () => {
    const scope = new ListenerScope();
    const target = new EventTarget();
    let n = 0;
    scope.addEventListener(target, 'go', () => n++, { once: true });
    expect(scope.size).toBe(1);
    target.dispatchEvent(new Event('go'));
    target.dispatchEvent(new Event('go'));
    expect(n).toBe(1);
    expect(scope.size).toBe(0);
  });

  it('the returned remover removes one registration early, once', () => {
    const scope = new ListenerScope();
    const e = new Emitter();
    const remove = scope.on(e, 'x', () => {});
    scope.on(e, 'x', () => {});
    remove();
    remove();
    expect(e.count('x')).toBe(1);
    expect(scope.size).toBe(1);
    scope.dispose();
    expect(e.count('x')).toBe(0);
  });

  it('unsubscribes subscribe-style sources: function, { unsubscribe }, { dispose } and disposables', () => {
    const log: string[] = [];
    const scope = new ListenerScope();
    scope.subscribe({ subscribe: (cb: () => void) => (cb(), () => log.push('fn')) }, () => log.push('called'));
    scope.subscribe({ subscribe: () => ({ unsubscribe: () => log.push('unsubscribe') }) });
    scope.subscribe({ subscribe: () => ({ dispose: () => log.push('dispose') }) });
    scope.add({ [Symbol.dispose]: () => log.push('symbol') });
    scope.add(() => log.push('add'));
    expect(() => scope.subscribe({ subscribe: () => undefined })).toThrow(TypeError);
    expect(() => scope.add({} as never)).toThrow(/a teardown must be a function/);
    scope.dispose();
    // Last registered first, like DisposableStack.
    expect(log).toEqual(['called', 'add', 'symbol', 'dispose', 'unsubscribe', 'fn']);
  });

  it('disconnects observers (unobserve for early removal when available)', () => {
    const log: string[] = [];
    const observer = {
      observe: (t: string, o?: { deep: boolean }) => log.push(`observe ${t} ${String(o?.deep)}`),
      disconnect: () => log.push('disconnect'),
    };
    const scope = new ListenerScope();
    scope.observe(observer, 'a', { deep: true });
    const remove = scope.observe({ ...observer, unobserve: (t: string) => log.push(`unobserve ${t}`) }, 'b');
    remove();
    scope.dispose();
    expect(log).toEqual(['observe a true', 'observe b undefined', 'unobserve b', 'disconnect']);
  });

  it('clears intervals and timeouts on dispose; a fired timeout drops its record', async () => {
    const scope = new ListenerScope();
    let ticks = 0;
    let fired = 0;
    scope.setInterval(() => ticks++, 5);
    scope.setTimeout((x: number) => (fired += x), 1, 10);
    const never = scope.setTimeout(() => (fired += 100), 5);
    never();
    expect(scope.size).toBe(2);
    await sleep(40);
    expect(fired).toBe(10);
    expect(ticks).toBeGreaterThan(0);
    expect(scope.size).toBe(1);
    scope.dispose();
    const at = ticks;
    await sleep(30);
    expect(ticks).toBe(at);
  });

  it('aborts its signal on dispose and on [Symbol.dispose]', () => {
    const scope = new ListenerScope();
    let aborted = 0;
    scope.signal.addEventListener('abort', () => aborted++);
    expect(scope.signal.aborted).toBe(false);
    scope[Symbol.dispose]();
    expect(scope.signal.aborted).toBe(true);
    scope.dispose();
    expect(aborted).toBe(1);
  });

  it('registrations after dispose are no-ops that do not touch the source', () => {
    const scope = new ListenerScope();
    scope.dispose();
    const e = new Emitter();
    const target = new EventTarget();
    let called = 0;
    const remove = scope.on(e, 'x', () => {});
    scope.once(e, 'x', () => {});
    scope.addEventListener(target, 'x', () => called++);
    scope.subscribe({ subscribe: () => (called++, () => {}) });
    scope.add(() => called++);
    scope.observe({ observe: () => called++, disconnect: () => {} }, 1);
    scope.setInterval(() => called++, 1);
    scope.setTimeout(() => called++, 1);
    target.dispatchEvent(new Event('x'));
    expect(e.count('x')).toBe(0);
    expect(called).toBe(0);
    expect(scope.size).toBe(0);
    remove();
  });

  it('runs every teardown even when some throw, then throws the error (or an AggregateError)', () => {
    const log: string[] = [];
    const one = new ListenerScope();
    one.add(() => log.push('a'));
    one.add(() => {
      throw new Error('b failed');
    });
    expect(() => one.dispose()).toThrow('b failed');
    expect(log).toEqual(['a']);
    expect(one.signal.aborted).toBe(true);
    const two = new ListenerScope();
    two.add(() => {
      throw new Error('x');
    });
    two.add(() => {
      throw new Error('y');
    });
    expect(() => two.dispose()).toThrow(AggregateError);
  });
});
