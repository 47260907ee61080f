import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../../rules/src/rules/no-leaked-listener.js';

// Literal RuleTester table of no-leaked-listener: every trap of DESIGN.md "Listeners" is decided here
// (docs/rules/no-leaked-listener.md explains each verdict). Suggestion outputs are the exact text the
// `listener-cleanup` codemod transform writes.
const ruleTester = new RuleTester();

ruleTester.run('no-leaked-listener', rule, {
  valid: [
    {
      name: "fresh review 4 (genkit): process handlers added in a CLI command's .action() handler",
      code: `import { Command } from 'commander';
export const serverHarness = new Command('__server-harness')
  .argument('<port>', 'Port to serve on')
  .action(async (port: string) => {
    process.on('error', (error) => console.error(error));
    process.on('uncaughtException', (err) => console.error(err));
    console.log(port);
  });
`,
    },
    {
      name: "fresh review 4 (deepstream.io): cluster handlers in a function the command handler (passed by name) calls once",
      code: `import { Command } from 'commander';
import cluster from 'node:cluster';
export const verticalCluster = (program: Command): void => {
  program.command('cluster').action(action);
};
function action(): void {
  const setupWorkerProcesses = (): void => {
    cluster.on('exit', () => cluster.fork());
  };
  if (cluster.isPrimary) setupWorkerProcesses();
}
`,
    },
    {
      name: "fresh review 4 (genkit): the registering method returns a disposer that removes what it added",
      code: `import { EventEmitter } from 'node:events';
const EVENTS = ['add', 'remove'] as const;
export class RuntimeManager {
  private readonly eventEmitter = new EventEmitter();
  watchRuntimes(listener: (event: string, rt: unknown) => void): () => void {
    const listeners: Array<{ event: string; fn: (rt: unknown) => void }> = [];
    EVENTS.forEach((event) => {
      const fn = (rt: unknown): void => listener(event, rt);
      this.eventEmitter.on(event, fn);
      listeners.push({ event, fn });
    });
    return () => {
      listeners.forEach(({ event, fn }) => {
        this.eventEmitter.off(event, fn);
      });
    };
  }
}
`,
    },
    {
      name: "fresh review 4 (deepstream.io): a topic registry's subscribe(name, socket) with the registry's unsubscribe elsewhere in the class",
      code: `interface Registry { subscribe(name: string, socket: object): void; unsubscribe(name: string, socket: object): void }
export class RecordHandler {
  constructor(private readonly registry: Registry) {}
  handle(message: { name: string; action: string }, socket: object): void {
    if (message.action === 'SUBSCRIBE') this.registry.subscribe(message.name, socket);
    else this.onUnsubscribe(message.name, socket);
  }
  private onUnsubscribe(name: string, socket: object): void {
    this.registry.unsubscribe(name, socket);
  }
}
`,
    },
    {
      name: "fresh review 4 (deepstream.io): onServerAdded(callback) forwards the caller's callback to an internal emitter",
      code: `import { EventEmitter } from 'node:events';
export class ClusterRegistry {
  private readonly emitter = new EventEmitter();
  public onServerAdded(callback: (serverName: string) => void): void {
    this.emitter.on('server-added', callback);
  }
  close(): void {}
}
`,
    },
    {
      name: "fresh review 8 (stagehand): onClose(handler) adapts the caller's handler in an arrow before registering it",
      code: `export class BrowserWebSocketTransport {
  constructor(private readonly socket: WebSocket) {}
  onClose(handler: (event: { code: number; reason: string }) => void): void {
    this.socket.addEventListener('close', (event) => {
      handler({ code: event.code, reason: event.reason });
    });
  }
  close(): void {
    this.socket.close();
  }
}
`,
    },
    {
      name: "fresh review 8 (botbuilder-js): a setter registers the assigned callback, adapted per event, on the class's emitter",
      code: `import { EventEmitter } from 'node:events';
export class ResourceExplorer {
  private readonly eventEmitter = new EventEmitter();
  set changed(callback: (event: string) => void) {
    this.eventEmitter.on('added', () => callback('added'));
    this.eventEmitter.on('removed', () => callback('removed'));
  }
  close(): void {}
}
`,
    },
    {
      name: "fresh review 8 (undici): util.addListener(target, 'event', handler) is a helper taking the target first, not EventEmitter.addListener on util",
      code: `import * as util from './util';
declare function onConnect(this: unknown): void;
export function connectH2(session: object, socket: object, windowSize: number): void {
  util.addListener(session, 'connect', onConnect.bind(session, windowSize));
  util.addListener(socket, \`error\`, onConnect);
}
`,
    },
    {
      name: 'fresh review 8 (lib-jitsi-meet): the added handler is stored in a Map and removed through a local read back from it',
      code: `import { EventEmitter } from 'node:events';
export class EventEmitterForwarder {
  private readonly listeners = new Map<string, (...args: unknown[]) => void>();
  constructor(private readonly src: EventEmitter, private readonly dest: EventEmitter) {}
  forward(srcEvent: string, dstEvent: string): void {
    const newListener = (...args: unknown[]): void => {
      this.dest.emit(dstEvent, ...args);
    };
    this.src.addListener(srcEvent, newListener);
    this.listeners.set(srcEvent, newListener);
  }
  removeListeners(...events: string[]): void {
    events.forEach((event) => {
      const listener = this.listeners.get(event);
      if (listener) {
        this.src.removeListener(event, listener);
        this.listeners.delete(event);
      }
    });
  }
}
`,
    },
    {
      name: 'fresh review 8 (lib-jitsi-meet): the added handler is stored in a record and removed as record[key] over its keys',
      code: `import { EventEmitter } from 'node:events';
export class ConferenceEventManager {
  private xmppListeners: { [key: string]: (...args: unknown[]) => void } = {};
  constructor(private readonly xmpp: EventEmitter) {}
  addXmppListener(eventName: string, listener: (...args: unknown[]) => void): void {
    this.xmppListeners[eventName] = listener;
    this.xmpp.addListener(eventName, listener);
  }
  removeXmppListeners(): void {
    Object.keys(this.xmppListeners).forEach((eventName) => {
      this.xmpp.removeListener(eventName, this.xmppListeners[eventName]!);
    });
    this.xmppListeners = {};
  }
}
`,
    },
    {
      name: 'fresh review 8 (lib-jitsi-meet): add and removal loops over the same event list (for...of and forEach)',
      code: `export class XMPP {
  private readonly _unloadEventTypes = ['beforeunload', 'unload'];
  private readonly _unloadHandler = (): void => {
    this.disconnect();
  };
  connect(): void {
    for (const event of this._unloadEventTypes) window.addEventListener(event, this._unloadHandler);
  }
  disconnect(): void {
    this._unloadEventTypes.forEach((type) => window.removeEventListener(type, this._unloadHandler));
  }
}
`,
    },
    {
      name: 'held-out recall 8 (gemini-cli, fixed): the same local handler removed after the add, in finally',
      code: `import { spawn } from 'node:child_process';
export async function start_sandbox(command: string): Promise<void> {
  const proxyProcess = spawn(command, { detached: true });
  const stopProxy = (): void => {
    if (proxyProcess.pid) process.kill(-proxyProcess.pid, 'SIGTERM');
  };
  process.on('exit', stopProxy);
  try {
    await new Promise((resolve) => proxyProcess.on('close', resolve));
  } finally {
    process.off('exit', stopProxy);
  }
}
`,
    },
    {
      name: "fresh review 3 (ably-js presence): the caller's listener taken through an intermediate local on both sides",
      code: `import { EventEmitter } from 'node:events';
type Listener = (message: unknown) => void;
function listenerArgs(args: unknown[]): [string, Listener] {
  return [args[0] as string, args[1] as Listener];
}
export class Presence {
  private readonly subscriptions = new EventEmitter();
  subscribe(...args: unknown[]): Promise<void> {
    return this.subscribeImpl(args);
  }
  private async subscribeImpl(_args: unknown[]): Promise<void> {
    const args = listenerArgs(_args);
    const event = args[0];
    const listener = args[1];
    this.subscriptions.on(event, listener);
  }
  unsubscribe(..._args: unknown[]): void {
    const args = listenerArgs(_args);
    this.subscriptions.off(args[0], args[1]);
  }
}
`,
    },
    {
      name: "fresh review 3 (ably-js): subscribe and unsubscribe forward the caller's event and listener to the same emitter",
      code: `import { EventEmitter } from 'node:events';
type Listener = (message: unknown) => void;
function listenerArgs(args: unknown[]): [string, Listener] {
  return [args[0] as string, args[1] as Listener];
}
export class Channel {
  private readonly subscriptions = new EventEmitter();
  subscribe(...args: unknown[]): void {
    this.subscribeImpl(args);
  }
  private subscribeImpl(args: unknown[]): void {
    const [event, listener] = listenerArgs(args);
    this.subscriptions.on(event, listener);
  }
  unsubscribe(...args: unknown[]): void {
    const [name, fn] = listenerArgs(args);
    this.subscriptions.off(name, fn);
  }
}
`,
    },
    {
      name: "fresh review 3 (ioredis): a close handler added right before the same function ends the stream",
      code: `import type { Socket } from 'node:net';
export class Connector {
  private stream?: Socket;
  disconnect(): void {
    if (this.stream) {
      const stream = this.stream;
      const timeout = setTimeout(() => stream.destroy(), 2000);
      stream.on('close', () => clearTimeout(timeout));
      stream.end();
    }
  }
}
`,
    },
    {
      name: "fresh review 3 (hocuspocus): a private arrow-function field only the constructor calls registers once per instance",
      code: `import { createServer, type Server as HttpServer } from 'node:http';
export class Server {
  private readonly httpServer: HttpServer;
  constructor() {
    this.httpServer = createServer();
    this.setupHttpUpgrade();
  }
  private setupHttpUpgrade = (): void => {
    this.httpServer.on('upgrade', (request, socket) => {
      socket.destroy();
    });
  };
  close(): void {
    this.httpServer.close();
  }
}
`,
    },
    {
      name: "fresh review 3 (MQTT.js): subscribe with only a topic and options is a protocol request, not a listener",
      code: `interface MqttClient { on(event: string, fn: (...args: unknown[]) => void): void; subscribe(topic: string, opts: object): void }
declare const client: MqttClient;
export function onConnect(): void {
  client.subscribe('topic', { qos: 0 });
  client.subscribe(['a', 'b'], { qos: 1, rh: 2 });
}
`,
    },
    {
      name: "fresh review 3 (nats.js): a subscription with { max: n } ends itself after n messages",
      code: `interface Conn { subscribe(subject: string, opts: { max?: number; callback?: () => void }): { unsubscribe(): void } }
export class Bench {
  constructor(private readonly nc: Conn, private readonly subject: string, private readonly msgs: number) {}
  run(): void {
    this.nc.subscribe(this.subject, { max: this.msgs, callback: () => this.tick() });
  }
  private tick(): void {}
  close(): void {}
}
`,
    },
    {
      name: "process signal handler at module top level is process-lifetime",
      code: `process.on('SIGTERM', () => process.exit(0));
`,
    },
    {
      name: "module-level singleton listened at top level",
      code: `import { EventEmitter } from 'node:events';
export const bus = new EventEmitter();
bus.on('ready', () => console.log('ready'));
`,
    },
    {
      name: "process lifecycle handler in a main() function",
      code: `export function main(): void {
  process.on('SIGINT', () => process.exit(130));
}
`,
    },
    {
      name: "signal option removes the listener",
      code: `export function watch(target: EventTarget, signal: AbortSignal): void {
  target.addEventListener('change', () => console.log('x'), { signal });
}
`,
    },
    {
      name: "removeAllListeners on the same target",
      code: `import type { EventEmitter } from 'node:events';
export class Conn {
  constructor(private socket: EventEmitter) {
    this.socket.on('data', (d: Buffer) => console.log(d));
  }
  close(): void {
    this.socket.removeAllListeners();
  }
}
`,
    },
    {
      name: "returned unsubscribe is handed to the caller",
      code: `declare const store: { subscribe(fn: () => void): () => void };
export function watch(render: () => void): () => void {
  return store.subscribe(render);
}
`,
    },
    {
      name: "stored unsubscribe that is called later",
      code: `declare const store: { subscribe(fn: () => void): () => void };
export function watchOnce(render: () => void): void {
  const unsubscribe = store.subscribe(() => {
    render();
    unsubscribe();
  });
}
`,
    },
    {
      name: "subscription.add keeps the subscription",
      code: `interface Sub { unsubscribe(): void }
declare const source$: { subscribe(fn: (v: number) => void): Sub };
export class View {
  private subscription = { add(_s: Sub): void {} };
  constructor(private readonly sink: number[]) {}
  start(): void {
    this.subscription.add(source$.subscribe((v) => this.sink.push(v)));
  }
}
`,
    },
    {
      name: "using declaration disposes the subscription",
      code: `declare const bus: { subscribe(fn: () => void): Disposable };
export function once(fn: () => void): void {
  using sub = bus.subscribe(fn);
  fn();
}
`,
    },
    {
      name: "own emitter listened in the constructor dies with the instance",
      code: `import { EventEmitter } from 'node:events';
export class Job {
  #emitter = new EventEmitter();
  constructor() {
    this.#emitter.on('done', () => console.log('done'));
  }
}
`,
    },
    {
      name: "listening to itself",
      code: `import { EventEmitter } from 'node:events';
export class Job extends EventEmitter {
  constructor() {
    super();
    this.on('error', (e: Error) => console.error(e));
  }
}
`,
    },
    {
      name: "per-connection socket listeners die with the socket",
      code: `import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => {
  ws.on('message', (m) => ws.send(m));
});
`,
    },
    {
      name: "request listeners in a request handler",
      code: `import type { IncomingMessage } from 'node:http';
export function body(req: IncomingMessage): void {
  req.on('data', (chunk: Buffer) => console.log(chunk.length));
}
`,
    },
    {
      name: "fresh object from a call",
      code: `import { createReadStream } from 'node:fs';
export function read(path: string): void {
  createReadStream(path).on('data', (c) => console.log(c)).on('end', () => console.log('end'));
}
`,
    },
    {
      name: "matching removal in a teardown method nobody calls still counts",
      code: `import type { EventEmitter } from 'node:events';
export class Conn {
  constructor(private socket: EventEmitter) {
    this.socket.on('data', this.onData);
  }
  private onData = (d: Buffer): void => console.log(d);
  destroy(): void {
    this.socket.off('data', this.onData);
  }
}
`,
    },
    {
      name: "once is not reported by default",
      code: `export function wait(signal: AbortSignal, done: () => void): void {
  signal.addEventListener('abort', done, { once: true });
}
`,
    },
    {
      name: "reconnect recreates the target before listening",
      code: `export class Client {
  private ws?: WebSocket;
  connect(url: string): void {
    this.ws = new WebSocket(url);
    this.ws.addEventListener('message', (e) => console.log(e.data));
  }
}
`,
    },
    {
      name: "React class component removes in componentWillUnmount via the same member",
      code: `export class Size {
  componentDidMount(): void {
    window.addEventListener('resize', this.onResize);
  }
  componentWillUnmount(): void {
    window.removeEventListener('resize', this.onResize);
  }
  onResize = (): void => {};
}
`,
    },
    {
      name: "object-literal component (Vue options) with matching this.method removal",
      code: `export default {
  mounted() {
    window.addEventListener('resize', this.onResize);
  },
  beforeUnmount() {
    window.removeEventListener('resize', this.onResize);
  },
  methods: { onResize() {} },
};
`,
      filename: "file.js",
    },
    {
      name: "useEffect cleanup removes the same handler",
      code: `declare function useEffect(f: () => void | (() => void), deps: unknown[]): void;
export function useResize(onResize: () => void): void {
  useEffect(() => {
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [onResize]);
}
`,
    },
    {
      name: "constant event name resolved through the scope manager",
      code: `import { EventEmitter } from 'node:events';
const DATA = 'data';
export const bus = new EventEmitter();
export function attach(h: (d: string) => void): void {
  bus.on(DATA, h);
}
export function detach(h: (d: string) => void): void {
  bus.off('data', h);
}
`,
    },
    {
      name: "removed on success and on error",
      code: `import type { EventEmitter } from 'node:events';
export function pipe(src: EventEmitter, signal: AbortSignal, out: string[]): void {
  const onChunk = (c: string): void => void out.push(c);
  const done = (): void => {
    signal.removeEventListener('abort', onChunk);
  };
  signal.addEventListener('abort', onChunk);
  src.on('finish', done);
  src.on('error', done);
}
`,
    },
    {
      name: "removed in finally",
      code: `export async function run(signal: AbortSignal, work: () => Promise<void>): Promise<void> {
  const onAbort = (): void => console.log('abort');
  signal.addEventListener('abort', onAbort);
  try {
    await work();
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
`,
    },
    {
      name: "handler that removes itself behaves like once",
      code: `import { EventEmitter } from 'node:events';
export const bus = new EventEmitter();
export function next(cb: (v: number) => void): void {
  const onValue = (v: number): void => {
    bus.off('value', onValue);
    cb(v);
  };
  bus.on('value', onValue);
}
`,
    },
    {
      name: "observer disconnected in dispose",
      code: `export class Watch {
  private observer = new ResizeObserver(() => this.layout());
  constructor(el: Element) {
    this.observer.observe(el);
  }
  layout(): void {}
  dispose(): void {
    this.observer.disconnect();
  }
}
`,
    },
    {
      name: "ignoreTargets option",
      code: `import { EventEmitter } from 'node:events';
export const bus = new EventEmitter();
export function track(h: () => void): void {
  bus.on('tick', h);
}
`,
      options: [{"ignoreTargets":["^bus$"]}],
    },
    {
      name: "custom add/remove method pair",
      code: `declare const hub: { listen(e: string, h: () => void): void; unlisten(e: string, h: () => void): void };
export function a(h: () => void): void {
  hub.listen('x', h);
}
export function b(h: () => void): void {
  hub.unlisten('x', h);
}
`,
      options: [{"addMethods":["listen"],"removeMethods":["unlisten"]}],
    },
    {
      name: "wrapper class: listener on an injected socket added once per instance",
      code: `import type { EventEmitter } from 'node:events';
export class Conn {
  constructor(private socket: EventEmitter) {
    this.socket.on('data', (chunk: Buffer) => console.log(chunk.length));
  }
  close(): void {}
}
`,
    },
    {
      name: "start() of a transport listens once on its response",
      code: `import type { ServerResponse } from 'node:http';
export class SseTransport {
  private sse?: ServerResponse;
  constructor(private res: ServerResponse) {}
  start(): void {
    this.sse = this.res;
    this.res.on('close', () => {
      this.sse = undefined;
    });
  }
}
`,
    },
    {
      name: "field replaced during the life of the instance",
      code: `import type { EventEmitter } from 'node:events';
export class Socket {
  constructor(private transport: EventEmitter) {}
  upgrade(next: EventEmitter): void {
    this.transport.on('error', () => {});
    this.transport = next;
  }
}
`,
    },
    {
      name: "removal through the value assigned to the field",
      code: `import type { EventEmitter } from 'node:events';
export class Socket {
  private transport!: EventEmitter;
  private cleanups: Array<() => void> = [];
  setTransport(transport: EventEmitter): void {
    const onPacket = (p: string): void => console.log(p);
    this.transport = transport;
    this.transport.on('packet', onPacket);
    this.cleanups.push(() => transport.removeListener('packet', onPacket));
  }
}
`,
    },
    {
      name: "module-level setup function runs once at startup",
      code: `import cluster from 'node:cluster';
export function setupPrimary(): void {
  cluster.on('message', (worker, message) => console.log(worker.id, message));
}
`,
    },
    {
      name: "drag: mousemove removed on mouseup",
      code: `export function startDrag(): void {
  const onMove = (e: MouseEvent): void => console.log(e.clientX);
  const onUp = (): void => {
    document.removeEventListener('mousemove', onMove);
    document.removeEventListener('mouseup', onUp);
  };
  document.addEventListener('mousemove', onMove);
  document.addEventListener('mouseup', onUp);
}
`,
    },
    {
      name: "from real code (socket.io cluster engine): constructor of a class without teardown listens to process (process-lifetime service)",
      code: `export class NodeClusterAdapter {
  constructor(readonly uid: string) {
    process.on('message', (message: unknown) => {
      console.log(this.uid, message);
    });
  }
}
`,
    },
    {
      name: "from real code (discord.js): private-by-convention _attachEvents() only called by the constructor",
      code: `export class Client {
  constructor(ws) {
    this.ws = ws;
    this._attachEvents();
  }
  _attachEvents() {
    this.ws.on('debug', (message) => this.emit('debug', message));
    this.ws.on('dispatch', this._handlePacket.bind(this));
  }
  _handlePacket() {}
  emit() {}
}
`,
      filename: "file.js",
    },
    {
      name: "from real code (discord.js brokers): init() registers one listener per configured event",
      code: `import type { EventEmitter } from 'node:events';
export class Gateway {
  constructor(private broker: EventEmitter) {}
  init(events: string[]): void {
    for (const event of events) {
      this.broker.on(event, (data: unknown) => console.log(event, data));
    }
  }
}
`,
    },
    {
      name: "from real code (colyseus): registration guarded by the listener count",
      code: `import type { EventEmitter } from 'node:events';
export class Presence {
  constructor(private sub: EventEmitter) {}
  subscribe(topic: string): void {
    if (this.sub.listeners('message').length === 0) {
      this.sub.on('message', this.handleSubscription);
    }
    console.log(topic);
  }
  handleSubscription = (): void => {};
}
`,
    },
    {
      name: "from real code (colyseus): module function called once from initialize()",
      code: `function createMenu(root: HTMLElement): void {
  document.addEventListener('click', (e) => {
    if (!root.contains(e.target as Node)) root.hidden = true;
  });
}
function initialize(): void {
  createMenu(document.body);
}
initialize();
`,
    },
    {
      name: "from real code (langgraph docs): handler of DOMContentLoaded runs once",
      code: `document.addEventListener('DOMContentLoaded', function () {
  document.addEventListener('copy', () => console.log('copied'));
});
`,
      filename: "file.js",
    },
    {
      name: "from real code (discord.js): singleton class listens to process once",
      code: `export class ShardClientUtil {
  private static instance?: ShardClientUtil;
  constructor() {
    process.on('message', this.handleMessage.bind(this));
  }
  handleMessage(): void {}
  static singleton(): ShardClientUtil {
    return (this.instance ??= new ShardClientUtil());
  }
}
`,
    },
    {
      name: "from real code (discord.js ws): destroy(shardId) is not a teardown of the instance",
      code: `import { parentPort } from 'node:worker_threads';
export class WorkerBootstrapper {
  private shards = new Map<number, { destroy(): Promise<void> }>();
  protected setupThreadEvents(): void {
    parentPort!.on('message', (payload: unknown) => console.log(payload));
  }
  protected async destroy(shardId: number): Promise<void> {
    await this.shards.get(shardId)?.destroy();
  }
  async bootstrap(): Promise<void> {
    this.setupThreadEvents();
  }
}
`,
    },
    {
      name: "fresh review (voltagent): termination signals registered from a literal list, in a method",
      code: `export class ServerProvider {
  protected setupGracefulShutdown(): void {
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
    signals.forEach((signal) => {
      process.on(signal, async () => {
        await this.stop();
        process.exit(0);
      });
    });
  }
  async stop(): Promise<void> {}
}
`,
    },
    {
      name: "fresh review 6 (kafkajs examples): process-lifetime events registered from a const list with map() at module load",
      code: `const errorTypes = ['unhandledRejection', 'uncaughtException'];
errorTypes.map((type) => {
  process.on(type, async (e) => {
    console.error(e);
    process.exit(1);
  });
});
`,
    },
    {
      name: 'fresh review 6 (pusher-js): a committed webpack bundle under dist/ is build output, reported in its sources if anywhere',
      code: `class NetInfo {
  constructor() {
    window.addEventListener('online', function () { console.log('online'); }, false);
  }
}
export function network() { return new NetInfo(); }
`,
      filename: 'dist/web/pusher.js',
    },
    {
      name: 'fresh review 6 (livekit node-sdks example): the executor of a top-level `new Promise` runs once, at module load',
      code: `import { EventEmitter } from 'node:events';
const room = new EventEmitter();
const finished = new Promise<void>((resolve) => {
  room.on('trackUnsubscribed', (sid: string) => {
    if (sid === 'audio') resolve();
  });
});
await finished;
`,
    },
    {
      name: 'fresh review 7 (moleculer cluster script): every POSIX signal of a const list is a process lifecycle event',
      code: `const stopSignals = ['SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGUSR1', 'SIGSEGV', 'SIGUSR2', 'SIGTERM'];
stopSignals.forEach(function (signal) {
  process.on(signal, () => process.exit(0));
});
`,
    },
    {
      name: 'fresh review 7 (moleculer examples): a listener added in a top-level promise reaction runs once',
      code: `declare const broker: { start(): Promise<void>; stop(): Promise<void> };
broker.start().then(() => {
  process.on('message', async (msg: { cmd?: string }) => {
    if (msg.cmd === 'stop') await broker.stop();
  });
});
`,
    },
    {
      name: "termination signals from a for...of over a literal list",
      code: `export function onShutdown(stop: () => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, stop);
}
`,
    },
    {
      name: "a once flag kept in a map: `if (M.get(K)) return; M.set(K, true)` (voltagent setupAbortSignalListener)",
      code: `export function attachAbort(ctx: { signal: AbortSignal; flags: Map<string, boolean> }): void {
  if (ctx.flags.get('abort-listener')) return;
  ctx.flags.set('abort-listener', true);
  ctx.signal.addEventListener('abort', () => console.log('aborted'));
}
`,
    },
    {
      name: "fresh review (supabase realtime-js example): a module binding replaced by a new channel right before its listeners",
      code: `import { socket } from './socket';
let publicSchema;
export function createSubscription(onInsert) {
  publicSchema = socket.channel('realtime:public');
  publicSchema.on('INSERT', (e) => onInsert(e));
  publicSchema.subscribe();
}
`,
    },
    {
      name: "fresh review (partykit CLI): piped stdin read to its end",
      code: `export async function readSecret(): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    let data = '';
    stdin.on('data', (chunk) => { data += chunk; });
    stdin.on('end', () => resolve(data));
    stdin.on('error', (err) => reject(err));
  });
}
`,
    },
    {
      name: "from real code (vite): function stringified into a worker, named *Main",
      code: `export function pingWorkerContentMain(url: string): void {
  self.addEventListener('connect', (event) => console.log(url, event));
}
`,
    },
  ],
  invalid: [
    {
      name: 'fresh review 6 near-miss: a `new Promise` executor inside a function runs on every call of that function',
      code: `import { EventEmitter } from 'node:events';
const room = new EventEmitter();
export function untilUnsubscribed(): Promise<void> {
  return new Promise<void>((resolve) => {
    room.on('trackUnsubscribed', () => resolve());
  });
}
`,
      errors: [{ messageId: 'unremovable', line: 5, suggestions: [] }],
    },
    {
      name: 'an event given by a variable or a member is named as code, never quoted as if it were the event name',
      code: `import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
export function watch(kind: string, Events: { Done: string }): void {
  bus.on(kind, () => console.log(kind));
  bus.on(Events.Done, () => console.log('done'));
  bus.on('message', () => console.log('message'));
}
`,
      errors: [
        { messageId: 'unremovable', line: 4, data: { kind: 'inline', event: '`kind`', target: 'bus', missing: '`off`' }, suggestions: [] },
        { messageId: 'unremovable', line: 5, data: { kind: 'inline', event: '`Events.Done`', target: 'bus', missing: '`off`' }, suggestions: [] },
        { messageId: 'unremovable', line: 6, data: { kind: 'inline', event: "'message'", target: 'bus', missing: '`off`' }, suggestions: [] },
      ],
    },
    {
      name: "fresh review 4 near-miss: a registration in an unbounded loop of the command handler runs once per turn",
      code: `import { Command } from 'commander';
import { EventEmitter } from 'node:events';
declare const bus: EventEmitter;
declare function lines(): AsyncIterable<string>;
export const watch = new Command('watch').action(async () => {
  for await (const line of lines()) {
    bus.on('change', () => console.warn(line));
  }
});
`,
      errors: [{ messageId: 'unremovable', line: 7, suggestions: [] }],
    },
    {
      name: "fresh review 4 near-miss: the returned function removes from another emitter",
      code: `import { EventEmitter } from 'node:events';
export class RuntimeManager {
  private readonly eventEmitter = new EventEmitter();
  private readonly other = new EventEmitter();
  watchRuntimes(listener: (rt: unknown) => void): () => void {
    const fn = (rt: unknown): void => listener(rt);
    this.eventEmitter.on('add', fn);
    return () => {
      this.other.off('add', fn);
    };
  }
}
`,
      errors: [{ messageId: 'leakedPerCall', line: 7, suggestions: [] }],
    },
    {
      name: "fresh review 4 near-miss: the unsubscribe goes to another registry",
      code: `interface Registry { subscribe(name: string, socket: object): void; unsubscribe(name: string, socket: object): void }
export class RecordHandler {
  constructor(private readonly registry: Registry, private readonly other: Registry) {}
  handle(message: { name: string }, socket: object): void {
    this.registry.subscribe(message.name, socket);
  }
  drop(name: string, socket: object): void {
    this.other.unsubscribe(name, socket);
  }
}
`,
      errors: [{ messageId: 'leakedPerCall', line: 5, suggestions: [] }],
    },
    {
      name: "fresh review 4 near-miss: an on*() method that registers its own handler, not the caller's",
      code: `import { EventEmitter } from 'node:events';
declare const bus: EventEmitter;
export class Registry {
  private count = 0;
  public onServerAdded(): void {
    bus.on('server-added', this.bump);
  }
  private bump = (): void => {
    this.count++;
  };
  close(): void {}
}
`,
      errors: [{ messageId: 'leakedPerCall', line: 6, suggestions: [] }],
    },
    {
      name: "fresh review 8 near-miss: an on*() method whose inline handler calls none of its parameters",
      code: `export class Transport {
  private closed = 0;
  constructor(private readonly socket: WebSocket) {}
  onClose(_handler: () => void): void {
    this.socket.addEventListener('close', () => {
      this.closed++;
    });
  }
  close(): void {
    this.socket.close();
  }
}
`,
      errors: [
        {
          messageId: 'unremovable',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `export class Transport {
  private closed = 0;
  constructor(private readonly socket: WebSocket) {}
  private readonly handleSocketClose = () => {
    this.closed++;
  };
  onClose(_handler: () => void): void {
    this.socket.addEventListener('close', this.handleSocketClose);
  }
  close(): void {
    this.socket.close();
    this.socket.removeEventListener('close', this.handleSocketClose);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'held-out recall 8 (gemini-cli b1a50a58): removing a function made by this call before adding it removes nothing an earlier call added',
      code: `import { spawn } from 'node:child_process';
export async function start_sandbox(command: string): Promise<void> {
  const proxyProcess = spawn(command, { detached: true });
  const stopProxy = (): void => {
    if (proxyProcess.pid) process.kill(-proxyProcess.pid, 'SIGTERM');
  };
  process.off('exit', stopProxy);
  process.on('exit', stopProxy);
  process.off('SIGINT', stopProxy);
  process.on('SIGINT', stopProxy);
}
`,
      errors: [
        { messageId: 'mismatchedRemoval', line: 8, suggestions: [] },
        { messageId: 'mismatchedRemoval', line: 10, suggestions: [] },
      ],
    },
    {
      name: 'fresh review 8 near-miss: the handler is stored in one Map and the removal reads another',
      code: `import { EventEmitter } from 'node:events';
export class Forwarder {
  private readonly listeners = new Map<string, () => void>();
  private readonly others = new Map<string, () => void>();
  constructor(private readonly src: EventEmitter) {}
  forward(event: string): void {
    const listener = (): void => {};
    this.src.addListener(event, listener);
    this.listeners.set(event, listener);
  }
  removeListeners(event: string): void {
    const listener = this.others.get(event);
    if (listener) this.src.removeListener(event, listener);
  }
}
`,
      errors: [{ messageId: 'leakedPerCall', line: 8, suggestions: [] }],
    },
    {
      name: 'fresh review 8 near-miss: the add and removal loops iterate different event lists',
      code: `export class Page {
  private readonly added = ['resize', 'scroll'];
  private readonly removed = ['resize'];
  private readonly onChange = (): void => {};
  open(): void {
    for (const event of this.added) window.addEventListener(event, this.onChange);
  }
  close(): void {
    for (const event of this.removed) window.removeEventListener(event, this.onChange);
  }
}
`,
      errors: [{ messageId: 'mismatchedRemoval', line: 6, data: { handler: '`this.onChange`', event: '`event`', target: 'window', line: 9, why: 'removes `this.onChange` from each event of `this.removed` instead' }, suggestions: [] }],
    },
    {
      name: "fresh review 8 near-miss: an emitter's own addListener(event, handler, options) is still a registration",
      code: `import { EventEmitter } from 'node:events';
declare const bus: EventEmitter;
export function track(onTick: () => void): void {
  bus.addListener('tick', onTick, 'extra' as never);
}
`,
      errors: [{ messageId: 'leakedPerCall', line: 4 }],
    },
    {
      name: "fresh review 3 near-miss: the caller's listener is added, but the only removal takes the class's own handler",
      code: `import { EventEmitter } from 'node:events';
type Listener = (message: unknown) => void;
export class Channel {
  private readonly subscriptions = new EventEmitter();
  watch(event: string, listener: Listener): void {
    this.subscriptions.on(event, listener);
  }
  reset(): void {
    this.subscriptions.off('message', this.onMessage);
  }
  private onMessage = (): void => {};
}
`,
      errors: [{ messageId: 'leakedPerCall', line: 6, suggestions: [] }],
    },
    {
      name: "fresh review 3 near-miss: a close handler on a stream the function does not end",
      code: `import type { Socket } from 'node:net';
export class Connector {
  private stream?: Socket;
  ping(): void {
    if (this.stream) {
      const stream = this.stream;
      const timeout = setTimeout(() => stream.destroy(), 2000);
      stream.on('close', () => clearTimeout(timeout));
      stream.write('PING');
    }
  }
}
`,
      errors: [{ messageId: 'unremovable', line: 8, suggestions: [] }],
    },
    {
      name: "fresh review 3 near-miss: the arrow-function field is also called by a public method, so it runs again",
      code: `import { createServer, type Server as HttpServer } from 'node:http';
export class Server {
  private readonly httpServer: HttpServer;
  constructor() {
    this.httpServer = createServer();
    this.setupHttpUpgrade();
  }
  private setupHttpUpgrade = (): void => {
    this.httpServer.on('upgrade', (request, socket) => {
      socket.destroy();
    });
  };
  reload(): void {
    this.setupHttpUpgrade();
  }
  close(): void {
    this.httpServer.close();
  }
}
`,
      errors: [{ messageId: 'unremovable', line: 9, suggestions: [] }],
    },
    {
      name: "fresh review 3 near-miss: subscribe with a callback in its options and no max keeps the subscription",
      code: `interface Conn { subscribe(subject: string, opts: { max?: number; callback?: () => void }): { unsubscribe(): void } }
export class Bench {
  constructor(private readonly nc: Conn, private readonly subject: string) {}
  run(): void {
    this.nc.subscribe(this.subject, { callback: () => this.tick() });
  }
  private tick(): void {}
  close(): void {}
}
`,
      errors: [{ messageId: 'leakedPerCall', line: 5, suggestions: [] }],
    },
    {
      name: "a literal list that holds a non-lifetime event is not process-lifetime",
      code: `export function relay(forward: (m: unknown) => void): void {
  ['message', 'SIGTERM'].forEach((event) => {
    process.on(event, forward);
  });
}
`,
      errors: [{ messageId: 'leakedPerCall', line: 3 }],
    },
    {
      name: "a module binding replaced only after the registration keeps the old object's listener",
      code: `import { socket } from './socket';
let publicSchema = socket.channel('realtime:public');
export function resubscribe(onInsert) {
  publicSchema.on('INSERT', (e) => onInsert(e));
  publicSchema = socket.channel('realtime:public');
}
`,
      errors: [{ messageId: 'unremovable', line: 4, suggestions: [] }],
    },
    {
      name: "a map flag that is checked but never set does not guard",
      code: `export function attachAbort(ctx: { signal: AbortSignal; flags: Map<string, boolean> }): void {
  if (ctx.flags.get('abort-listener')) return;
  ctx.signal.addEventListener('abort', () => console.log('aborted'));
}
`,
      errors: [{ messageId: 'unremovable', line: 3, suggestions: [] }],
    },
    {
      name: "stdin data listener per call without waiting for its end",
      code: `export function onInput(handle: (chunk: string) => void): void {
  process.stdin.on('data', (chunk) => handle(String(chunk)));
}
`,
      errors: [{ messageId: 'unremovable', line: 2, suggestions: [] }],
    },
    {
      name: "per-instance process listener in a class that has a teardown",
      code: `export class ClusterAdapter {
  constructor(readonly uid: string) {
    process.on('message', (message: unknown) => {
      console.log(this.uid, message);
    });
  }

  close(): void {
    console.log('closed', this.uid);
  }
}
`,
      errors: [
        {
          messageId: 'unremovable',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `export class ClusterAdapter {
  private readonly handleProcessMessage = (message: unknown) => {
    console.log(this.uid, message);
  };
  constructor(readonly uid: string) {
    process.on('message', this.handleProcessMessage);
  }

  close(): void {
    console.log('closed', this.uid);
    process.off('message', this.handleProcessMessage);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "from real code (discord.js rest): per-request listener on a caller-owned, reusable signal",
      code: `export async function makeRequest(url: string, requestData: { signal?: AbortSignal }): Promise<Response> {
  const controller = new AbortController();
  if (requestData.signal) {
    if (requestData.signal.aborted) controller.abort();
    else requestData.signal.addEventListener('abort', () => controller.abort());
  }
  return fetch(url, { signal: controller.signal });
}
`,
      errors: [
        {
          messageId: 'unremovable',
          line: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "from real code (colyseus): each modal opening adds document listeners",
      code: `export function openInspectorModal(modal: HTMLElement): void {
  let dragging = false;
  const handleMouseMove = (e: MouseEvent): void => {
    if (dragging) modal.style.left = e.clientX + 'px';
  };
  document.addEventListener('mousemove', handleMouseMove);
  modal.addEventListener('mousedown', () => {
    dragging = true;
  });
}
export function openSettings(modal: HTMLElement): void {
  openInspectorModal(modal);
}
export function openAgain(modal: HTMLElement): void {
  openInspectorModal(modal);
}
`,
      errors: [
        {
          messageId: 'leakedPerCall',
          line: 6,
          suggestions: [],
        },
      ],
    },
    {
      name: "unbounded loop in a setup function",
      code: `import { EventEmitter } from 'node:events';
export const bus = new EventEmitter();
export async function main(next: () => Promise<string>): Promise<void> {
  for (;;) {
    const job = await next();
    bus.on('cancel', () => console.log('cancel', job));
  }
}
`,
      errors: [
        {
          messageId: 'unremovable',
          line: 6,
          suggestions: [],
        },
      ],
    },
    {
      name: "inline handler on process from a constructor, hoisted to a field for close()",
      code: `export class Worker {
  constructor(private readonly id: string) {
    process.on('message', (message: unknown) => {
      console.log(message);
    });
  }

  close(): void {
    console.log('closed');
  }
}
`,
      errors: [
        {
          messageId: 'unremovable',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `export class Worker {
  private readonly handleProcessMessage = (message: unknown) => {
    console.log(message);
  };
  constructor(private readonly id: string) {
    process.on('message', this.handleProcessMessage);
  }

  close(): void {
    console.log('closed');
    process.off('message', this.handleProcessMessage);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "member handler on a module-level emitter never removed; close() gets the off",
      code: `import { EventEmitter } from 'node:events';

export const bus = new EventEmitter();

export class Conn {
  constructor() {
    bus.on('end', this.onEnd);
  }

  private onEnd = (): void => {};

  close(): void {}
}
`,
      errors: [
        {
          messageId: 'leakedPerCall',
          line: 7,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `import { EventEmitter } from 'node:events';

export const bus = new EventEmitter();

export class Conn {
  constructor() {
    bus.on('end', this.onEnd);
  }

  private onEnd = (): void => {};

  close(): void {
    bus.off('end', this.onEnd);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "no teardown method: per-call registration reported without suggestion",
      code: `import { EventEmitter } from 'node:events';
export const bus = new EventEmitter();
export class Conn {
  handle(): void {
    bus.on('end', this.onEnd);
  }
  private onEnd = (): void => {};
}
`,
      errors: [
        {
          messageId: 'leakedPerCall',
          line: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "seed 002: listeners removed only when finish fires",
      code: `import { EventEmitter } from 'node:events';
export class Output {
  #emitter = new EventEmitter();
  get fullStream(): ReadableStream<unknown> {
    const self = this;
    return new ReadableStream({
      start(controller) {
        const chunkHandler = (c: unknown): void => controller.enqueue(c);
        const finishHandler = (): void => {
          self.#emitter.off('chunk', chunkHandler);
          self.#emitter.off('finish', finishHandler);
          controller.close();
        };
        self.#emitter.on('chunk', chunkHandler);
        self.#emitter.on('finish', finishHandler);
      },
    });
  }
}
`,
      errors: [
        {
          messageId: 'successPathOnly',
          line: 14,
          suggestions: [],
        },
      ],
    },
    {
      name: "per-call listener on a passed-in AbortSignal",
      code: `export async function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
  const onAbort = (): void => console.log('aborted', url);
  signal.addEventListener('abort', onAbort);
  const res = await fetch(url, { signal });
  return res.json();
}
`,
      errors: [
        {
          messageId: 'leakedPerCall',
          line: 3,
          suggestions: [],
        },
      ],
    },
    {
      name: "per-call listener on process from a request handler",
      code: `export function handle(id: string): void {
  process.on('message', (m) => console.log(id, m));
}
`,
      errors: [
        {
          messageId: 'unremovable',
          line: 2,
          suggestions: [],
        },
      ],
    },
    {
      name: "exit handler added per connection",
      code: `import { createServer } from 'node:net';
const server = createServer();
server.on('connection', (socket) => {
  process.on('exit', () => socket.destroy());
});
`,
      errors: [
        {
          messageId: 'unremovable',
          line: 4,
          suggestions: [],
        },
      ],
    },
    {
      name: "bind(this) twice: the removal passes a new function, and the suggestion gives that removal the stored handler",
      code: `export class Panel {
  constructor() {
    window.addEventListener('click', this.onClick.bind(this));
  }
  onClick(): void {}
  dispose(): void {
    window.removeEventListener('click', this.onClick.bind(this));
  }
}
`,
      errors: [
        {
          messageId: 'unremovable',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `export class Panel {
  private readonly handleWindowClick = this.onClick.bind(this);
  constructor() {
    window.addEventListener('click', this.handleWindowClick);
  }
  onClick(): void {}
  dispose(): void {
    window.removeEventListener('click', this.handleWindowClick);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "removal on another event name",
      code: `import { EventEmitter } from 'node:events';
export const feed = new EventEmitter();
export class Reader {
  constructor() {
    feed.on('data', this.onData);
  }
  onData = (d: string): void => console.log(d);
  close(): void {
    feed.off('end', this.onData);
  }
}
`,
      errors: [
        {
          messageId: 'mismatchedRemoval',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `import { EventEmitter } from 'node:events';
export const feed = new EventEmitter();
export class Reader {
  constructor() {
    feed.on('data', this.onData);
  }
  onData = (d: string): void => console.log(d);
  close(): void {
    feed.off('end', this.onData);
    feed.off('data', this.onData);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "removal only when the try block completes",
      code: `import type { EventEmitter } from 'node:events';
export class Task {
  constructor(private progress: EventEmitter) {}
  async run(work: () => Promise<void>): Promise<void> {
    this.progress.on('tick', this.onTick);
    try {
      await work();
      this.progress.off('tick', this.onTick);
    } catch (error) {
      console.error(error);
    }
  }
  onTick = (): void => {};
}
`,
      errors: [
        {
          messageId: 'successPathOnly',
          line: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "module-level emitter listened per call",
      code: `import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
export class Session {
  start(): void {
    bus.on('tick', this.onTick);
  }
  onTick = (): void => {};
  stop(): void {}
}
`,
      errors: [
        {
          messageId: 'leakedPerCall',
          line: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "own emitter listened from a method that runs many times",
      code: `import { EventEmitter } from 'node:events';
export class Stream {
  private emitter = new EventEmitter();
  read(out: string[]): void {
    this.emitter.on('chunk', (c: string) => out.push(c));
  }
}
`,
      errors: [
        {
          messageId: 'unremovable',
          line: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "observer never disconnected; dispose() gets the disconnect",
      code: `export class Watch {
  private observer = new ResizeObserver(() => this.layout());
  constructor(el: Element) {
    this.observer.observe(el);
  }
  layout(): void {}
  dispose(): void {
    console.log('bye');
  }
}
`,
      errors: [
        {
          messageId: 'leaked',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `export class Watch {
  private observer = new ResizeObserver(() => this.layout());
  constructor(el: Element) {
    this.observer.observe(el);
  }
  layout(): void {}
  dispose(): void {
    console.log('bye');
    this.observer.disconnect();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "capture listener removed with the same capture flag",
      code: `export class Keys {
  constructor() {
    document.addEventListener('keydown', this.onKey, true);
  }
  onKey = (e: KeyboardEvent): void => console.log(e.key);
  disconnect(): void {
    console.log('off');
  }
}
`,
      errors: [
        {
          messageId: 'leakedPerCall',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `export class Keys {
  constructor() {
    document.addEventListener('keydown', this.onKey, true);
  }
  onKey = (e: KeyboardEvent): void => console.log(e.key);
  disconnect(): void {
    console.log('off');
    document.removeEventListener('keydown', this.onKey, true);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "subscribe without keeping the subscription",
      code: `interface Store { subscribe(fn: () => void): () => void }
declare const store: Store;
export class View {
  constructor() {
    store.subscribe(this.render);
  }
  render = (): void => {};
  dispose(): void {}
}
`,
      errors: [
        {
          messageId: 'leakedPerCall',
          line: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "once on a long-lived signal with checkOnce",
      code: `export function wait(signal: AbortSignal, done: () => void): void {
  signal.addEventListener('abort', done, { once: true });
}
`,
      options: [{"checkOnce":true}],
      errors: [
        {
          messageId: 'leakedPerCall',
          line: 2,
          suggestions: [],
        },
      ],
    },
    {
      name: "custom teardown method name",
      code: `export class Keys {
  constructor() {
    window.addEventListener('blur', this.onBlur);
  }
  onBlur = (): void => {};
  shutdown(): void {
    console.log('bye');
  }
}
`,
      options: [{"teardownMethods":["shutdown"]}],
      errors: [
        {
          messageId: 'leakedPerCall',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `export class Keys {
  constructor() {
    window.addEventListener('blur', this.onBlur);
  }
  onBlur = (): void => {};
  shutdown(): void {
    console.log('bye');
    window.removeEventListener('blur', this.onBlur);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "JavaScript without semicolons, double quotes",
      code: `export class Conn {
  constructor(socket) {
    this.socket = socket
    process.on("message", (m) => this.socket.write(m))
  }

  close() {
    this.socket.end()
  }
}
`,
      filename: "file.js",
      errors: [
        {
          messageId: 'unremovable',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestCleanup',
              output: `export class Conn {
  handleProcessMessage = (m) => this.socket.write(m)
  constructor(socket) {
    this.socket = socket
    process.on("message", this.handleProcessMessage)
  }

  close() {
    this.socket.end()
    process.off("message", this.handleProcessMessage)
  }
}
`,
            },
          ],
        },
      ],
    },
  ],
});

// Test files are out of scope unless `checkTestFiles` (the collection family's test-file predicate): a
// listener added in a test lives for one test. docs/rules/no-leaked-listener.md "What is not reported".
const perRequestListener = `export async function makeRequest(url: string, requestData: { signal?: AbortSignal }): Promise<Response> {
  const controller = new AbortController();
  if (requestData.signal) {
    if (requestData.signal.aborted) controller.abort();
    else requestData.signal.addEventListener('abort', () => controller.abort());
  }
  return fetch(url, { signal: controller.signal });
}
`;

ruleTester.run('no-leaked-listener (test files)', rule, {
  valid: [
    { name: 'a *.test.ts file is out of scope by default', code: perRequestListener, filename: 'src/foo.test.ts' },
    { name: 'a file under test/ is out of scope by default', code: perRequestListener, filename: 'test/bar.ts' },
    { name: 'checkTestFiles: false keeps test files out of scope', code: perRequestListener, filename: 'test/bar.ts', options: [{ checkTestFiles: false }] },
    { name: 'a fixture under tests/fixtures/ is test input, out of scope by default', code: perRequestListener, filename: 'src/tests/fixtures/graph.ts' },
    { name: 'a playground/ tree (manual and e2e test apps) is out of scope by default', code: perRequestListener, filename: 'playground/optimize-deps/dep/index.js' },
    // Fresh review 9: faye's Jasmine specs (a fresh server per test) and trigger.dev's testcontainers harness.
    { name: 'a spec/ folder and a *_spec.js file are out of scope by default', code: perRequestListener, filename: 'spec/javascript/server/subscribe_spec.js' },
    { name: 'a *_spec.js file outside a spec folder is out of scope by default', code: perRequestListener, filename: 'src/server_spec.js' },
    { name: 'a testcontainers/ package is out of scope by default', code: perRequestListener, filename: 'internal-packages/testcontainers/src/webapp.ts' },
    { name: 'a *-testing-*/ folder (continue\'s manual-testing-sandbox) is out of scope by default', code: perRequestListener, filename: 'manual-testing-sandbox/next-edit/app.ts' },
    { name: 'vendored code is out of scope, even with checkTestFiles', code: perRequestListener, filename: 'src/vendor/http/request.ts', options: [{ checkTestFiles: true }] },
  ],
  invalid: [
    {
      name: 'checkTestFiles: true reports in a *.test.ts file',
      code: perRequestListener,
      filename: 'src/foo.test.ts',
      options: [{ checkTestFiles: true }],
      errors: [{ messageId: 'unremovable', line: 5, suggestions: [] }],
    },
    {
      name: 'checkTestFiles: true reports in a file under test/',
      code: perRequestListener,
      filename: 'test/bar.ts',
      options: [{ checkTestFiles: true }],
      errors: [{ messageId: 'unremovable', line: 5, suggestions: [] }],
    },
    {
      name: 'near-miss of spec/: a specification/ folder and a file merely named like a spec are product code',
      code: perRequestListener,
      filename: 'src/specification/respec.ts',
      errors: [{ messageId: 'unremovable', line: 5, suggestions: [] }],
    },
    {
      name: 'checkTestFiles: true reports in a fixture under tests/fixtures/',
      code: perRequestListener,
      filename: 'tests/fixtures/codemods/listener-cleanup/per-request.input.ts',
      options: [{ checkTestFiles: true }],
      errors: [{ messageId: 'unremovable', line: 5, suggestions: [] }],
    },
  ],
});
