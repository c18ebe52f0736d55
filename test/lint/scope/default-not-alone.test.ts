import * as assert from 'node:assert/strict';
import { at, daemon, findings, fixAndRecheck, webApp } from './helpers';

const ID = 'scope/default-not-alone';

describe('scope/default-not-alone', () => {
  it('fires on each scope mixed with /.default, citing AADSTS70011', () => {
    const text = daemon(`    "Graph": { "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/.default", "User.Read.All", "https://graph.microsoft.com/Mail.Read" ] }`);
    const found = findings(text, ID);
    assert.deepEqual(found.map((f) => at(text, f)), ['User.Read.All', 'https://graph.microsoft.com/Mail.Read']);
    assert.ok(found.every((f) => f.severity === 'error'));
    assert.match(found[0]!.message, /AADSTS70011/);
    assert.match(found[0]!.message, /RequestAppToken/);
  });

  it('fix keeps only the .default scope, comments intact, idempotent', () => {
    const text = daemon(`    "Graph": {
      "RequestAppToken": true,
      "Scopes": [
        "https://graph.microsoft.com/.default", // all granted app roles
        "User.Read.All"
      ]
    }`);
    const fixed = fixAndRecheck(text, ID);
    assert.match(fixed, /"https:\/\/graph\.microsoft\.com\/\.default" \/\/ all granted app roles\s*\]/);
    assert.ok(!fixed.includes('User.Read.All'));
    assert.ok(fixed.includes('// Daemon calling APIs'));
  });

  it('also fires (as a warning) in delegated lists, but leaves OpenID scopes next to .default alone there', () => {
    const text = webApp(`    "Api": { "Scopes": [ "api://11111111-aaaa-bbbb-cccc-222222222222/.default", "api://11111111-aaaa-bbbb-cccc-222222222222/Todo.Read", "offline_access" ] }`);
    const found = findings(text, ID);
    assert.deepEqual(found.map((f) => at(text, f)), ['api://11111111-aaaa-bbbb-cccc-222222222222/Todo.Read']);
    assert.equal(found[0]!.severity, 'warning');
    assert.match(found[0]!.message, /Delegated token/);
    const fixed = fixAndRecheck(text, ID);
    assert.ok(fixed.includes('"offline_access"'));
  });

  it('does not fire on a lone .default, on one .default per resource, or on placeholders', () => {
    assert.deepEqual(findings(daemon(`    "A": { "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/.default" ] }`), ID), []);
    assert.deepEqual(findings(daemon(`    "A": { "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/.default", "[Enter the scopes of your web API]" ] }`), ID), []);
    assert.deepEqual(findings(webApp(`    "A": { "Scopes": [ "api://11111111-aaaa-bbbb-cccc-222222222222/.default" ] }`), ID), []);
  });
});
