import { RuleTester } from '@typescript-eslint/rule-tester';

import intervalRule from '../../rules/src/rules/no-leaked-interval.js';
import listenerRule from '../../rules/src/rules/no-leaked-listener.js';

// ES5 classes: a capitalised constructor function and its prototype methods (`Name.prototype.m =
// function`, `Name.prototype = { m() {} }`) share one `this`, so a handle stored in the constructor and
// cleared or removed in a prototype method match (fresh review 9: socketcluster's server and client
// sockets clear their ping and batching intervals in `_destroy`/`_stopBatching`). The prototype of
// another constructor is another owner.
const tester = new RuleTester();

const SOCKET = `function Socket(server) {
  this.server = server;
  this._pingTicker = setInterval(() => this.ping(), 5000);
  this._onMessage = this._handle.bind(this);
  server.on('message', this._onMessage);
}

Socket.prototype._startBatching = function () {
  if (this._batchingId != null) return;
  this._batchingId = setInterval(() => this.flush(), 50);
};

Socket.prototype._stopBatching = function () {
  if (this._batchingId != null) clearInterval(this._batchingId);
  this._batchingId = null;
};

Socket.prototype.destroy = function () {
  clearInterval(this._pingTicker);
  this._stopBatching();
  this.server.off('message', this._onMessage);
};

module.exports = Socket;
`;

const CLIENT = `const bus = require('./bus');

function Client(url) {
  this.url = url;
  this._onReload = this.reload.bind(this);
  bus.on('reload', this._onReload);
}

Client.prototype = {
  reload() {
    return fetch(this.url);
  },
  close() {
    bus.off('reload', this._onReload);
  },
};

module.exports = function connect(url) {
  return new Client(url);
};
`;

tester.run('no-leaked-interval (constructor functions and prototypes)', intervalRule, {
  valid: [SOCKET],
  invalid: [
    {
      // cleared in a prototype method of another constructor
      code: `function Socket(server) {
  this.server = server;
  this._pingTicker = setInterval(() => this.ping(), 5000);
}

function Other() {}

Other.prototype.destroy = function () {
  clearInterval(this._pingTicker);
};

module.exports = { Socket, Other };
`,
      errors: [{ messageId: 'neverCleared', line: 3, suggestions: [] }],
    },
  ],
});

tester.run('no-leaked-listener (constructor functions and prototypes)', listenerRule, {
  valid: [SOCKET, CLIENT],
  invalid: [
    {
      // removed in a method of another constructor's prototype
      code: CLIENT.replace('Client.prototype = {', 'Server.prototype = {'),
      errors: [{ messageId: 'leakedPerCall', line: 6, suggestions: [] }],
    },
  ],
});
