// Runs @doyensec/electronegativity over one folder and prints its result as JSON on stdout.
// Offline on purpose: its `got` HTTP client is replaced by one that fails at once, which turns
// off the two network lookups it makes (translations from S3, and Electron's release list for
// AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, which is also excluded by name).
//   node electronegativity-offline.cjs <folder>
'use strict';
const Module = require('node:module');
const path = require('node:path');

const offline = () => Promise.reject(new Error('offline'));
offline.head = offline;
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'got' ? offline : load.call(this, request, ...rest);
};

const root = path.resolve(__dirname, '../../..');
const runner = require(path.join(root, 'node_modules/@doyensec/electronegativity/dist/runner.js'));
const run = runner.default || runner;
const print = process.stdout.write.bind(process.stdout);
console.log = () => {}; // its progress and "could not retrieve translations" lines

run({ input: process.argv[2], isRelative: true, excludeFromScan: ['availablesecurityfixesglobalcheck'], electronVersionOverride: '45.4.1' }, false)
  .then((result) => {
    const issues = result.issues.map((i) => ({
      id: i.id, file: i.file, line: i.location.line, severity: i.severity.name, confidence: i.confidence.name,
      description: i.description, sample: String(i.sample).slice(0, 160),
    }));
    print(JSON.stringify({ globalChecks: result.globalChecks, atomicChecks: result.atomicChecks, errors: result.errors, issues }));
  })
  .catch((error) => {
    process.stderr.write(String(error && error.stack || error));
    process.exit(1);
  });
