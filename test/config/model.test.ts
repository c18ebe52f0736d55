import * as assert from 'node:assert/strict';
import { modelFromText } from '../../src/core/config';

const DAEMON = `{
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "contoso.onmicrosoft.com",
    "ClientId": "00000000-0000-0000-0000-000000000001",
    "ClientCredentials": [ { "SourceType": "ClientSecret", "ClientSecret": "s" } ]
  },
  "DownstreamApis": {
    "Graph": { "BaseUrl": "https://graph.microsoft.com/v1.0", "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/.default" ] },
    "Other": { "BaseUrl": "https://x", "Scopes": "a  b" }
  }
}`;

describe('config/model', () => {
  it('finds the identity section, credentials and downstream APIs', () => {
    const m = modelFromText(DAEMON);
    assert.deepEqual(m.identities.map((i) => [i.name, i.kind]), [['AzureAd', 'identity-web']]);
    assert.deepEqual(m.credentials.map((c) => c.container), ['ClientCredentials']);
    assert.equal(m.credentials[0]!.sourceType?.valueNode.value, 'ClientSecret');
    assert.deepEqual(m.downstreamApis.map((a) => a.name), ['Graph', 'Other']);
  });

  it('keeps exact offsets for array elements and for each scope of a space-separated string', () => {
    const m = modelFromText(DAEMON);
    for (const list of m.scopeLists) {
      for (const item of list.items) assert.equal(m.doc.text.slice(item.offset, item.offset + item.length), item.value);
    }
    const other = m.scopeLists.find((l) => l.sectionName === 'Other')!;
    assert.equal(other.form, 'string');
    assert.deepEqual(other.items.map((i) => i.value), ['a', 'b']);
  });

  it('maps offsets inside strings with escapes', () => {
    const m = modelFromText('{"DownstreamApi": {"BaseUrl": "x", "Scopes": "\\u0061pi://x/.default  https:\\/\\/y/.default"}}');
    const items = m.scopeLists[0]!.items;
    assert.deepEqual(items.map((i) => i.value), ['api://x/.default', 'https://y/.default']);
    assert.equal(m.doc.text.slice(items[1]!.offset, items[1]!.offset + items[1]!.length), 'https:\\/\\/y/.default');
  });

  describe('app-only judgement', () => {
    it('is certain with RequestAppToken: true and quotes where', () => {
      const graph = modelFromText(DAEMON).scopeLists.find((l) => l.sectionName === 'Graph')!;
      assert.equal(graph.flow.appOnly, 'certain');
      assert.match(graph.flow.reason, /RequestAppToken' is true in 'Graph' \(appsettings\.json:9\)/);
    });

    it('gives a DownstreamApis list its section’s name, path, document and BaseUrl', () => {
      const m = modelFromText('{"DownstreamApis": {"A": {"Scopes": "x"}, "Graph": {"BaseUrl": "https://graph.microsoft.com", "Scopes": ["User.Read"]}}, "MyApi": {"BaseUrl": "https://y", "Scopes": []}}');
      const [a, graph, mine] = m.scopeLists;
      assert.deepEqual([a!.sectionName, a!.sectionPath, a!.origin, a!.isRequest, a!.baseUrl, a!.form], ['A', ['DownstreamApis', 'A'], 'DownstreamApis', true, undefined, 'string']);
      assert.deepEqual([graph!.sectionName, graph!.sectionPath, graph!.origin, graph!.baseUrl?.key, graph!.baseUrl?.path], ['Graph', ['DownstreamApis', 'Graph'], 'DownstreamApis', 'BaseUrl', ['DownstreamApis', 'Graph', 'BaseUrl']]);
      assert.deepEqual([mine!.sectionName, mine!.sectionPath, mine!.origin, mine!.prop.path], ['MyApi', ['MyApi'], 'section', ['MyApi', 'Scopes']]);
      for (const l of m.scopeLists) assert.equal(l.doc, m.doc);
      assert.equal(m.downstreamApis[1]!.scopes, graph);
    });

    it('reads RequestAppToken from the base file for an overlay', () => {
      const m = modelFromText('{"DownstreamApis": {"Graph": {"Scopes": ["User.Read"]}}}', {
        path: '/w/appsettings.Development.json',
        siblings: { 'appsettings.json': '{"DownstreamApis": {"Graph": {"RequestAppToken": "true", "BaseUrl": "https://graph.microsoft.com"}}}' },
      });
      assert.equal(m.scopeLists[0]!.flow.appOnly, 'certain');
    });

    it('is certain when project code requests an app token for the section, with the C# location', () => {
      const m = modelFromText('{"DownstreamApis": {"TodoList": {"BaseUrl": "https://x", "Scopes": ["api://a/read"]}}}', {
        code: { 'Program.cs': 'using X;\n\nvar todos = await downstream.GetForAppAsync<Todo[]>("TodoList");\n' },
      });
      const flow = m.scopeLists[0]!.flow;
      assert.equal(flow.appOnly, 'certain');
      assert.equal(flow.evidence?.range.start.line, 2);
      assert.match(flow.reason, /Program\.cs:3/);
    });

    it('ignores commented-out app-token calls', () => {
      const m = modelFromText('{"DownstreamApis": {"TodoList": {"BaseUrl": "https://x", "Scopes": ["api://a/read"]}}}', {
        code: { 'Program.cs': '// await downstream.GetForAppAsync("TodoList");\n' },
      });
      assert.equal(m.scopeLists[0]!.flow.appOnly, 'unknown');
    });

    it('ties GetSection("X") next to RequestAppToken = true to section X', () => {
      const m = modelFromText('{"MyApi": {"BaseUrl": "https://x", "Scopes": ["api://a/.default"]}}', {
        code: {
          'Startup.cs': 'services.AddDownstreamApi("MyApi", o => {\n  Configuration.GetSection("MyApi").Bind(o);\n  o.RequestAppToken = true;\n});',
        },
      });
      assert.equal(m.scopeLists[0]!.flow.appOnly, 'certain');
    });

    it('says no for a web app that signs users in (delegated scopes are correct)', () => {
      const m = modelFromText(
        '{"AzureAd": {"Instance": "https://login.microsoftonline.com/", "TenantId": "common", "ClientId": "x", "CallbackPath": "/signin-oidc"}, "DownstreamApi": {"BaseUrl": "https://graph.microsoft.com/v1.0", "Scopes": "user.read"}}',
      );
      assert.equal(m.scopeLists[0]!.flow.appOnly, 'no');
      assert.match(m.scopeLists[0]!.flow.reason, /signs users in/);
    });

    it('says no when code signs users in even without sign-in keys', () => {
      const m = modelFromText('{"DownstreamApi": {"BaseUrl": "https://graph.microsoft.com/v1.0", "Scopes": ["user.read"]}}', {
        code: { 'Program.cs': 'builder.Services.AddAuthentication().AddMicrosoftIdentityWebApp(builder.Configuration);' },
      });
      assert.equal(m.scopeLists[0]!.flow.appOnly, 'no');
    });

    it('infers app-only for legacy daemon keys in a config without sign-in', () => {
      const m = modelFromText('{"Instance": "https://login.microsoftonline.com/{0}", "Tenant": "t", "ClientId": "c", "TodoListScope": "api://x/.default"}');
      const list = m.scopeLists.find((l) => l.prop.key === 'TodoListScope')!;
      assert.equal(list.origin, 'legacy');
      assert.equal(list.flow.appOnly, 'inferred');
      assert.equal(m.identities[0]!.kind, 'legacy-flat');
    });

    it('derives the legacy ApiUrl scope as the daemon sample code does', () => {
      const m = modelFromText('{"Instance": "https://login.microsoftonline.com/{0}", "Tenant": "t", "ClientId": "c", "ApiUrl": "https://graph.microsoft.com/"}');
      const list = m.scopeLists.find((l) => l.prop.key === 'ApiUrl')!;
      assert.equal(list.items[0]!.value, 'https://graph.microsoft.com/.default');
      assert.equal(list.items[0]!.derivedFrom, 'https://graph.microsoft.com/');
    });

    it("treats a web API's own Scopes as accepted scopes, not a request", () => {
      const m = modelFromText('{"AzureAd": {"Instance": "https://login.microsoftonline.com/", "TenantId": "t", "ClientId": "c", "Scopes": "access_as_user"}}');
      const list = m.scopeLists[0]!;
      assert.equal(list.origin, 'identity');
      assert.equal(list.isRequest, false);
      assert.equal(list.flow.appOnly, 'no');
    });

    it('is certain for managed identity', () => {
      const m = modelFromText('{"Kv": {"BaseUrl": "https://v.vault.azure.net", "Scopes": ["https://vault.azure.net/.default"], "AcquireTokenOptions": {"ManagedIdentity": {}}}}');
      assert.equal(m.scopeLists[0]!.flow.appOnly, 'certain');
    });

    it('does not guess when nothing tells', () => {
      const m = modelFromText('{"DownstreamApis": {"Graph": {"BaseUrl": "https://graph.microsoft.com/v1.0", "Scopes": ["User.Read"]}}}');
      assert.equal(m.scopeLists[0]!.flow.appOnly, 'unknown');
    });
  });

  it('keeps keys with stray whitespace apart from the real key, as .NET binding does', () => {
    const m = modelFromText('{"AzureAd": {"Instance": "https://login.microsoftonline.com/", "TenantId": "t", "ClientId ": "c", "ClientId": "d"}}');
    const id = m.identities[0]!;
    assert.equal(id.props.get('clientid')?.valueNode.value, 'd');
    assert.equal(id.props.get('clientid ')?.valueNode.value, 'c');
  });

  it('reads the UserSecretsId of the project', () => {
    const m = modelFromText('{}', { code: { 'App.csproj': '<Project><PropertyGroup><UserSecretsId>abc-123</UserSecretsId></PropertyGroup></Project>' } });
    assert.equal(m.codeHints.userSecretsId, 'abc-123');
  });

  it('finds identities of the base file for an overlay', () => {
    const m = modelFromText('{"DownstreamApis": {}}', {
      path: '/w/appsettings.Development.json',
      siblings: { 'appsettings.json': DAEMON },
    });
    assert.deepEqual(m.familyIdentities.map((i) => i.name), ['AzureAd']);
    assert.equal(m.identities.length, 0);
  });
});

describe('findings link the code that made a list app-only', () => {
  it('adds the C# call as related information to scope findings', async () => {
    const { runRules } = await import('../../src/core/lint/run');
    const m = modelFromText('{"DownstreamApis": {"TodoList": {"BaseUrl": "https://x", "Scopes": ["api://a/read"]}}}', {
      code: { 'Worker.cs': 'class W {\n  async Task Run() {\n    await api.GetForAppAsync<Todo[]>("TodoList");\n  }\n}\n' },
    });
    const f = runRules(m).find((x) => x.ruleId === 'scope/missing-default')!;
    assert.ok(f, 'scope/missing-default expected');
    const rel = f.related?.find((r) => r.file.endsWith('Worker.cs'));
    assert.equal(rel?.range.start.line, 2);
    assert.match(rel!.message, /GetForAppAsync/);
  });
});
