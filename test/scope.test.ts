import * as assert from 'node:assert/strict';
import { audienceOf, defaultScopeFor, describeScope, parseScope, resourceKey, resourceLabel, trimScope } from '../src/core/scope';

const codes = (s: string) => parseScope(s).problems.map((p) => p.code);

describe('scope parsing', () => {
  it('parses URI-form scopes with Entra\'s last-slash rule', () => {
    const p = parseScope('https://graph.microsoft.com/User.Read.All');
    assert.equal(p.form, 'uri');
    assert.equal(p.resource, 'https://graph.microsoft.com');
    assert.equal(p.permission, 'User.Read.All');
    assert.equal(p.isDefault, false);
    assert.equal(p.host, 'graph.microsoft.com');
    assert.equal(p.wellKnown?.resource.id, 'microsoft-graph');
    assert.deepEqual(p.problems, []);

    const sql = parseScope('https://database.windows.net//.default');
    assert.equal(sql.resource, 'https://database.windows.net/');
    assert.equal(sql.isDefault, true);
    assert.equal(sql.wellKnown?.slashDiffers, false);

    const single = parseScope('https://database.windows.net/.default');
    assert.equal(single.resource, 'https://database.windows.net');
    assert.equal(single.wellKnown?.slashDiffers, true);
  });

  it('parses GUID, api:// and bare forms', () => {
    const g = parseScope('00000003-0000-0000-c000-000000000000/.default');
    assert.equal(g.form, 'guid');
    assert.equal(g.resource, '00000003-0000-0000-c000-000000000000');
    assert.equal(g.isDefault, true);
    assert.equal(g.wellKnown?.resource.id, 'microsoft-graph');

    const api = parseScope('api://8206b76f-586e-4098-b1e5-598c1aa3e2a1/access_as_user');
    assert.equal(api.form, 'uri');
    assert.equal(api.resource, 'api://8206b76f-586e-4098-b1e5-598c1aa3e2a1');
    assert.equal(api.permission, 'access_as_user');
    assert.equal(api.wellKnown, undefined);

    const bare = parseScope('User.Read');
    assert.equal(bare.form, 'bare');
    assert.equal(bare.resource, undefined);
    assert.equal(bare.permission, 'User.Read');
    assert.equal(parseScope('offline_access').isOidc, true);
    assert.equal(parseScope('OpenID').isOidc, true);
    assert.equal(parseScope('.DEFAULT').isDefault, true);
  });

  it('reports whitespace of every kind and trims it', () => {
    assert.deepEqual(codes(' https://graph.microsoft.com/.default'), ['whitespace']);
    assert.deepEqual(codes('https://graph.microsoft.com/.default\u00a0'), ['whitespace']);
    assert.match(parseScope('x/.default\u00a0').problems[0]!.message, /non-breaking space \(U\+00A0\)/);
    assert.deepEqual(codes('\thttps://graph.microsoft.com/.default'), ['whitespace']);
    assert.deepEqual(codes('https://graph.microsoft.com/.default\u200b'), ['whitespace']);
    assert.equal(trimScope('\u200b a \ufeff'), 'a');
    assert.ok(codes('https://graph.microsoft.com/.default https://x.example/.default').includes('inner-whitespace'));
    assert.deepEqual(codes(''), ['empty']);
    assert.deepEqual(codes('  '), ['empty']);
    assert.equal(parseScope(' https://graph.microsoft.com/.default ').isDefault, true);
  });

  it('reports percent-encoding with the decoded value', () => {
    const p = parseScope('https%3A%2F%2Fgraph.microsoft.com%2F.default');
    const enc = p.problems.find((x) => x.code === 'percent-encoded');
    assert.equal(enc?.suggestion, 'https://graph.microsoft.com/.default');
    assert.ok(codes('https://graph.microsoft.com%2F.default').includes('percent-encoded'));
    assert.ok(codes('https://x.example/%E0%A4%A').includes('percent-encoded'));
  });

  it('finds a host run into the permission name', () => {
    const p = parseScope('https://x.azurewebsites.netuser_impersonation');
    assert.equal(p.problems[0]?.code, 'host-run-into-permission');
    assert.equal(p.problems[0]?.suggestion, 'https://x.azurewebsites.net/user_impersonation');
    assert.equal(parseScope('https://graph.microsoft.comUser.Read.All').problems[0]?.suggestion, 'https://graph.microsoft.com/User.Read.All');
    assert.equal(parseScope('https://graph.microsoft.com.default').problems[0]?.suggestion, 'https://graph.microsoft.com/.default');
    // Real hosts are left alone.
    assert.deepEqual(codes('https://x.netapp.azurewebsites.net/.default'), []);
    assert.deepEqual(codes('https://contoso.community.example/.default'), []);
    assert.deepEqual(codes('https://MyApi.Contoso.com'), ['no-permission']);
  });

  it('reports resourceless, non-URI and resource-only scopes', () => {
    assert.deepEqual(codes('/.default'), ['resourceless']);
    assert.deepEqual(codes('.default'), ['resourceless']);
    const noScheme = parseScope('graph.microsoft.com/.default');
    assert.equal(noScheme.problems[0]?.code, 'not-uri-or-guid');
    assert.equal(noScheme.problems[0]?.suggestion, 'https://graph.microsoft.com/.default');
    assert.equal(parseScope('database.windows.net/.default').problems[0]?.suggestion, 'https://database.windows.net//.default');
    assert.equal(parseScope('contoso.example/api/.default').problems[0]?.suggestion, 'https://contoso.example/api/.default');
    assert.equal(parseScope('my api/.default').problems[0]?.suggestion, undefined);
    assert.deepEqual(codes('https://graph.microsoft.com'), ['no-permission']);
    assert.deepEqual(codes('https://graph.microsoft.com/'), ['no-permission']);
    assert.deepEqual(codes('00000003-0000-0000-c000-000000000000'), ['no-permission']);
  });

  it('flags a well-known host whose path is not the identifier', () => {
    const p = parseScope('https://graph.microsoft.com/v1.0/.default');
    assert.equal(p.problems[0]?.code, 'resource-not-identifier');
    assert.equal(p.problems[0]?.suggestion, 'https://graph.microsoft.com/.default');
    assert.deepEqual(codes('https://analysis.windows.net/powerbi/api/.default'), []);
  });

  it('keys resources so the same API compares equal across forms', () => {
    const k = (s: string) => resourceKey(parseScope(s));
    assert.equal(k('https://graph.microsoft.com/User.Read'), k('00000003-0000-0000-c000-000000000000/.default'));
    assert.equal(k('User.Read'), 'microsoft-graph');
    assert.equal(k('https://database.windows.net/.default'), k('https://database.windows.net//.default'));
    assert.equal(k('api://A/x'), k('api://a/.default'));
    assert.notEqual(k('api://a/x'), k('api://b/x'));
    assert.equal(k('openid'), undefined);
    assert.equal(resourceLabel(parseScope('User.Read')), 'Microsoft Graph');
    assert.equal(resourceLabel(parseScope('api://a/x')), 'api://a');
  });

  it('suggests the /.default scope for a named permission', () => {
    const d = (s: string, g?: string) => defaultScopeFor(parseScope(s), g);
    assert.equal(d('https://graph.microsoft.com/User.Read.All'), 'https://graph.microsoft.com/.default');
    assert.equal(d('User.Read'), 'https://graph.microsoft.com/.default');
    assert.equal(d('User.Read', 'https://graph.microsoft.us/'), 'https://graph.microsoft.us/.default');
    assert.equal(d('api://x/access_as_user'), 'api://x/.default');
    assert.equal(d('https://database.windows.net/user_impersonation'), 'https://database.windows.net//.default');
    assert.equal(d('https://management.azure.com/user_impersonation'), 'https://management.azure.com//.default');
    assert.equal(d('https://vault.azure.net/user_impersonation'), 'https://vault.azure.net/.default');
    assert.equal(d('00000003-0000-0000-c000-000000000000/User.Read'), '00000003-0000-0000-c000-000000000000/.default');
    assert.equal(d('https://contoso.example/api'), 'https://contoso.example/.default');
    assert.equal(d('https://contoso.example'), 'https://contoso.example/.default');
    assert.equal(d('openid'), undefined);
    assert.equal(d('/.default'), undefined);
  });

  it('derives the audience Entra puts in v1 and v2 tokens', () => {
    assert.deepEqual(audienceOf(parseScope('https://database.windows.net/.default')), {
      tokenVersion: 1,
      expected: 'https://database.windows.net/',
      v2: '022907d3-0f1b-48f7-badc-1ba6abab6d66',
      v1: 'https://database.windows.net',
    });
    assert.equal(audienceOf(parseScope('https://database.windows.net//.default')).v1, 'https://database.windows.net/');
    const guid = audienceOf(parseScope('6c1ac2b5-52b1-4f0b-9f8f-7b1b3a3e0e11/.default'));
    assert.equal(guid.v1, '6c1ac2b5-52b1-4f0b-9f8f-7b1b3a3e0e11');
    assert.equal(guid.v2, '6c1ac2b5-52b1-4f0b-9f8f-7b1b3a3e0e11');
    assert.equal(audienceOf(parseScope('api://x/.default')).v2, undefined);
    assert.equal(audienceOf(parseScope('User.Read')).v1, 'https://graph.microsoft.com');
  });

  it('never throws on arbitrary input', () => {
    for (const s of ['%', '%%', '://', 'a://', '/', '//', '///.default', 'https://', '\u0000', 'x'.repeat(5000)]) {
      assert.doesNotThrow(() => parseScope(s), s);
    }
  });
});

describe('describeScope', () => {
  it('explains a single-slash SQL scope with the audience mismatch', () => {
    const lines = describeScope(parseScope('https://database.windows.net/.default'));
    assert.ok(lines.some((l) => l.includes('Azure SQL Database (https://database.windows.net/)')));
    assert.ok(lines.some((l) => /v1\.0 token: 'https:\/\/database\.windows\.net' — the API's identifier is 'https:\/\/database\.windows\.net\/'/.test(l)));
    const ok = describeScope(parseScope('https://database.windows.net//.default'));
    assert.ok(!ok.some((l) => l.includes('identifier is')));
  });

  it('explains bare, OpenID and malformed scopes', () => {
    assert.match(describeScope(parseScope('User.Read')).join('\n'), /Microsoft Graph/);
    assert.match(describeScope(parseScope('openid')).join('\n'), /never valid for app-only/);
    assert.match(describeScope(parseScope('graph.microsoft.com/.default')).join('\n'), /Problem: .*use 'https:\/\/graph\.microsoft\.com\/\.default'/);
    assert.deepEqual(describeScope(parseScope('')), ['Empty scope: nothing can be requested with it.']);
  });
});
