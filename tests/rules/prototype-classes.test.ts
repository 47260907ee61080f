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

// ES5 code names `this` through an alias (`var self = this`, `var node = this`) that is never assigned
// again, and reads fields through `var res = this.res` (fresh review 10). A field replaced through the
// alias in a method's callback (`self.res = res`: ably-js' comet request) is replaced like `this.res =
// res`, so listeners on it go with the old value; a clear of the handle through the alias before a new
// interval (node-red's delay node) guards the overwrite, and the suggested clear names the handle as the
// assignment writes it (`node.intervalID`: `this` is not the node inside the callback).
const COMET_REQUEST = `const { EventEmitter } = require('events');

class Request extends EventEmitter {
  constructor(req) {
    super();
    this.req = req;
    this.res = null;
  }

  exec() {
    var self = this;
    this.req.once('response', function (res) {
      self.res = res;
      self.readFully();
    });
  }

  readFully() {
    var res = this.res,
      chunks = [],
      self = this;
    res.on('data', function (chunk) {
      chunks.push(chunk);
    });
    res.on('end', function () {
      self.emit('body', Buffer.concat(chunks));
    });
  }
}

module.exports = Request;
`;
const DELAY_NODE = `function DelayNode(config) {
  this.rate = config.rate;
  this.intervalID = -1;
  var node = this;
  node.on('input', function (msg) {
    clearInterval(node.intervalID);
    node.intervalID = setInterval(function () {
      node.send(msg);
    }, node.rate);
  });
  node.on('close', function () {
    clearInterval(node.intervalID);
  });
}

module.exports = DelayNode;
`;

tester.run('no-leaked-listener (fields replaced through an alias of this)', listenerRule, {
  valid: [COMET_REQUEST],
  invalid: [
    {
      name: 'a field set only in the constructor keeps its listeners, one pair per readFully() call',
      code: COMET_REQUEST.replace("    this.res = null;\n  }\n\n  exec() {\n    var self = this;\n    this.req.once('response', function (res) {\n      self.res = res;\n      self.readFully();\n    });\n  }\n", '    this.res = req.res;\n  }\n'),
      errors: [{ messageId: 'unremovable', line: 14, suggestions: [] }, { messageId: 'unremovable', line: 17, suggestions: [] }],
    },
  ],
});

tester.run('no-leaked-interval (a clear through an alias of this)', intervalRule, {
  valid: [DELAY_NODE],
  invalid: [
    {
      name: 'without the clear, each input message starts another interval',
      code: DELAY_NODE.replace('    clearInterval(node.intervalID);\n    node.intervalID', '    node.intervalID'),
      errors: [{ messageId: 'overwritten', line: 6, suggestions: [{ messageId: 'suggestCleanup', output: DELAY_NODE }] }],
    },
  ],
});
