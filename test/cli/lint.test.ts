import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';

describe('entra-doctor lint (CLI)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'entra-lint-'));
    mkdirSync(join(dir, 'app'));
    mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
    mkdirSync(join(dir, 'app', 'bin'));
    // A syntax error and a duplicate key: the json/* rules are certain errors.
    const id = '6e1f3c2a-4b5d-4e8f-9a0b-1c2d3e4f5a6b';
    writeFileSync(join(dir, 'app', 'appsettings.json'), `{\n  "AzureAd": {\n    "ClientId": "${id}",\n    "clientid": "${id}"\n  }\n}\n`);
    writeFileSync(join(dir, 'app', 'appsettings.Development.json'), '{\n  "Logging": { "LogLevel": {} } \n  "x": 1\n}\n');
    writeFileSync(join(dir, 'node_modules', 'pkg', 'appsettings.json'), '{ broken');
    writeFileSync(join(dir, 'app', 'bin', 'appsettings.json'), '{ broken');
    writeFileSync(join(dir, 'clean.json'), '{ "Logging": {} }');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('searches folders for appsettings*.json, skipping node_modules and bin, and exits 1 on errors', () => {
    const r = runCli(['lint', '.'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^app\/appsettings\.Development\.json:3:3 {2}error {4}json\/syntax {2}A ',' is expected/m);
    assert.match(r.stdout, /^app\/appsettings\.json:4:5 {2}error {4}json\/duplicate-key {2}'clientid' is already defined on line 3/m);
    assert.doesNotMatch(r.stdout, /node_modules|bin\//);
    assert.match(r.stdout, /2 errors, 0 warnings, 0 infos in 2 files\.\n$/);
  });

  it('prints no colour off a TTY, and honours NO_COLOR with FORCE_COLOR', () => {
    assert.doesNotMatch(runCli(['lint', 'app'], { cwd: dir }).stdout, /\x1b\[/);
    assert.match(runCli(['lint', 'app'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, /\x1b\[31m/);
    assert.doesNotMatch(runCli(['lint', 'app'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, /\x1b\[/);
  });

  it('exits 0 for a clean file', () => {
    const r = runCli(['lint', 'clean.json'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /✔ 0 errors, 0 warnings, 0 infos in 1 file\./);
  });

  it('prints the JSON shape of DESIGN.md', () => {
    const r = runCli(['lint', 'app', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['files', 'summary']);
    assert.deepEqual(out.summary, { errors: 2, warnings: 0, infos: 0 });
    const dup = out.files.find((f: { path: string }) => f.path === 'app/appsettings.json').findings[0];
    assert.equal(dup.ruleId, 'json/duplicate-key');
    assert.equal(dup.severity, 'error');
    assert.deepEqual(dup.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 14 } });
    assert.equal(dup.file, 'app/appsettings.json');
    assert.match(dup.docs, /rules\.md#jsonduplicate-key$/);
    assert.equal(dup.related[0].range.start.line, 2);
  });

  it('prints SARIF 2.1.0 with rules, 1-based regions and a source root', () => {
    const r = runCli(['lint', 'app', '--format', 'sarif'], { cwd: dir });
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'entra-doctor');
    assert.ok(run.tool.driver.rules.some((x: { id: string }) => x.id === 'scope/missing-default'));
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'json/duplicate-key');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'json/duplicate-key');
    assert.equal(result.level, 'error');
    const loc = result.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uri, 'app/appsettings.json');
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.deepEqual(loc.region, { startLine: 4, startColumn: 5, endLine: 4, endColumn: 15 });
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
  });

  it('exits 2 with a clear message for a missing path or a bad option, without a stack trace', () => {
    const missing = runCli(['lint', 'nope.json'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'entra-doctor lint: nope.json: no such file or folder\n');
    const bad = runCli(['lint', '--format', 'xml'], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown format 'xml'/);
    const unknown = runCli(['lint', '--frobnicate'], { cwd: dir });
    assert.equal(unknown.code, 2);
    assert.doesNotMatch(unknown.stderr, /\n\s+at /);
  });
});
