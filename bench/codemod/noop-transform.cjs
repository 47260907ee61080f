// The baseline of bench/codemod.ts: a jscodeshift transform that parses every file with the parser
// jscodeshift would use for its extension (ts / tsx / babel) and changes nothing. This is the least
// any jscodeshift transform does, so "codemod files/s ÷ no-op files/s" is the cost of the analysis
// and the rewrites on top of jscodeshift itself.
'use strict';

module.exports = function noop(file, api) {
  const parser = /\.tsx$/.test(file.path) ? 'tsx' : /\.[cm]?ts$/.test(file.path) ? 'ts' : 'babel';
  api.jscodeshift.withParser(parser)(file.source);
  return undefined;
};
