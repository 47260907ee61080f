import { RuleTester } from '@typescript-eslint/rule-tester';

import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';
import listenerRule from '../../rules/src/rules/no-leaked-listener.js';

// Bundles committed next to their sources (mixpanel-js' examples commit a browserify and a webpack
// `bundle.js` of 30,000 lines each; eighteenth fresh review): a bundler's module prelude at the top of
// the file marks generated code, whose report belongs in the sources. Both families skip it, as they
// skip minified files. Near-misses: the same module without the prelude, and a source file that only
// uses webpack's runtime API (`__webpack_require__.p`).

const MODULE = `var queue = [];
function track(event) {
  queue.push(event);
}
class Tracker {
  start() {
    window.addEventListener('message', function (e) {
      track(e.data);
    });
  }
  stop() {}
}
module.exports = { track: track, Tracker: Tracker };
`;

const BROWSERIFY = `(function e(t,n,r){function s(o,u){if(!n[o]){if(!t[o]){var a=typeof require=="function"&&require;if(!u&&a)return a(o,!0);if(i)return i(o,!0);var f=new Error("Cannot find module '"+o+"'");throw f.code="MODULE_NOT_FOUND",f}var l=n[o]={exports:{}};t[o][0].call(l.exports,function(e){var n=t[o][1][e];return s(n?n:e)},l,l.exports,e,t,n,r)}return n[o].exports}var i=typeof require=="function"&&require;for(var o=0;o<r.length;o++)s(r[o]);return s})({1:[function(require,module,exports){
${MODULE}},{}]},{},[1]);
`;

const WEBPACK = `/******/ (function(modules) { // webpackBootstrap
/******/ 	var installedModules = {};
/******/ 	function __webpack_require__(moduleId) {
/******/ 		if(installedModules[moduleId]) return installedModules[moduleId].exports;
/******/ 		var module = installedModules[moduleId] = { exports: {}, id: moduleId, loaded: false };
/******/ 		modules[moduleId].call(module.exports, module, module.exports, __webpack_require__);
/******/ 		return module.exports;
/******/ 	}
/******/ 	return __webpack_require__(0);
/******/ })([
/* 0 */
/***/ function(module, exports, __webpack_require__) {
${MODULE}
/***/ }
/******/ ]);
`;

const RUNTIME_API = `__webpack_public_path__ = __webpack_require__.p + 'assets/';
${MODULE}`;

// Rollup's UMD wrapper after a banner (bottleneck commits its rollup bundles `es5.js` and `light.js`;
// nineteenth fresh review). Near-miss: a hand-written UMD wrapper around the same module. Inside the
// wrapper's factory `queue` is a local made once, so the collection family is shown a class field.
const umd = (module: string): { rollup: string; hand: string } => ({
  rollup: `/**
  * This file contains the full Tracker library compiled to ES5.
  */
(function (global, factory) {
\ttypeof exports === 'object' && typeof module !== 'undefined' ? module.exports = factory() :
\ttypeof define === 'function' && define.amd ? define(factory) :
\t(global.Tracker = factory());
}(this, (function () { 'use strict';
${module}
})));
`,
  hand: `(function (root, factory) {
  if (typeof define === 'function' && define.amd) define([], factory);
  else if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.Tracker = factory();
})(this, function () {
${module}
});
`,
});
// Browserify's standalone (UMD) bundle, reformatted (mobx's docs commit React's JSXTransformer.js so;
// twenty-first fresh review): the UMD head calls a factory that returns the module prelude.
const STANDALONE = `;(function(f) {
    if (typeof exports === "object" && typeof module !== "undefined") {
        module.exports = f()
    } else {
        window.Tracker = f()
    }
})(function() {
    var define, module, exports
    return (function e(t, n, r) {
        function s(o, u) {
            if (!n[o]) {
                var l = (n[o] = { exports: {} })
                t[o][0].call(l.exports, function(x) { return s(t[o][1][x] || x) }, l, l.exports, e, t, n, r)
            }
            return n[o].exports
        }
        for (var o = 0; o < r.length; o++) s(r[o])
        return s
    })({ 1: [function(require, module, exports) {
${MODULE}}, {}] }, {}, [1])(1)
})
`;
const FIELD_MODULE = `class Store {
  constructor() {
    this.events = [];
  }
  track(event) {
    this.events.push(event);
  }
}
return Store;`;
const { rollup: ROLLUP, hand: HAND_UMD } = umd(MODULE);

const collections = new RuleTester();
collections.run('no-unbounded-collection (bundles)', collectionRule, {
  valid: [
    { code: BROWSERIFY, filename: 'examples/browserify/bundle.js' },
    { code: WEBPACK, filename: 'examples/webpack/bundle.js' },
    { code: STANDALONE, filename: 'docs/assets/JSXTransformer.js' },
    { code: umd(FIELD_MODULE).rollup, filename: 'es5.js' },
  ],
  invalid: [
    { code: MODULE, filename: 'src/track.js', errors: [{ messageId: 'unbounded', line: 1, suggestions: [] }] },
    { code: umd(FIELD_MODULE).hand, filename: 'tracker.js', errors: [{ messageId: 'unbounded', line: 8, suggestions: [] }] },
    { code: RUNTIME_API, filename: 'src/track.js', errors: [{ messageId: 'unbounded', line: 2, suggestions: [] }] },
  ],
});

/** The cleanup suggestion: the inline handler becomes a field, removed in `stop()` (no runtime import). */
const cleanup = (code: string) => [
  {
    messageId: 'suggestCleanup' as const,
    output: code
      .replace('class Tracker {\n  start() {', 'class Tracker {\n  handleWindowMessage = (e) => {\n    track(e.data);\n  };\n  start() {')
      .replace("window.addEventListener('message', function (e) {\n      track(e.data);\n    });", "window.addEventListener('message', this.handleWindowMessage);")
      .replace('  stop() {}', "  stop() {\n    window.removeEventListener('message', this.handleWindowMessage);\n  }"),
  },
];

const listeners = new RuleTester();
listeners.run('no-leaked-listener (bundles)', listenerRule, {
  valid: [
    { code: BROWSERIFY, filename: 'examples/browserify/bundle.js' },
    { code: WEBPACK, filename: 'examples/webpack/bundle.js' },
    { code: STANDALONE, filename: 'docs/assets/JSXTransformer.js' },
    { code: ROLLUP, filename: 'es5.js' },
  ],
  invalid: [
    { code: MODULE, filename: 'src/track.js', errors: [{ messageId: 'unremovable', line: 7, suggestions: cleanup(MODULE) }] },
    { code: HAND_UMD, filename: 'tracker.js', errors: [{ messageId: 'unremovable', line: 12, suggestions: cleanup(HAND_UMD) }] },
    { code: RUNTIME_API, filename: 'src/track.js', errors: [{ messageId: 'unremovable', line: 8, suggestions: cleanup(RUNTIME_API) }] },
  ],
});
