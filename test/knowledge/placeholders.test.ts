import fc from 'fast-check';
import * as assert from 'node:assert/strict';
import { findPlaceholders, hasPlaceholder, isPlaceholderValue, isTemplateGuid } from '../../src/core/knowledge/placeholders';

describe('knowledge/placeholders', () => {
  it('recognises the whole-value placeholders of the samples and templates (entra-facts §7)', () => {
    const values = [
      '[Enter here the tenantID or domain name for your Azure AD tenant]',
      '[Enter here the ClientId for your application]',
      '[Copy the client secret added to the app from the Azure portal]',
      '[secret-from-portal]',
      '[WebApiUrl]',
      'Enter_the_Tenant_Id_Here',
      'Enter_the_Application_Id_here',
      '<<Enter_the_Tenant_ID_Here>>',
      'EnterClientSecretHere',
      'ENTER_YOUR_CLIENT_ID',
      'Enter the client ID obtained from the Microsoft Entra admin center',
      'Add the tenant ids of the tenants from where you want the client applications to call your Web API',
      'your-tenant-id',
      'your_client_id',
      'YourCertificateName',
      '<tenant-id>',
      '<VaultUri>',
      'tenant-guid',
      'web-api-application-guid',
      'user-assigned-managed-identity-client-id',
      '11111111-1111-1111-1111-111111111111',
      '22222222-2222-2222-2222-222222222222',
      '00001111-aaaa-2222-bbbb-3333cccc4444',
      'aaaabbbb-0000-cccc-1111-dddd2222eeee',
      'qualified.domain.name',
      'secret-from-app-registration',
      'SOME_CLIENT_ID',
      'A1B2C3D4E5F6...',
      'placeholder',
    ];
    for (const v of values) assert.ok(isPlaceholderValue(v), `expected whole placeholder: ${v}`);
  });

  it('finds placeholders embedded in URIs and reports their position', () => {
    const v = 'api://[Enter_client_ID_service]/ToDoList.Read';
    const [m, ...rest] = findPlaceholders(v);
    assert.equal(rest.length, 0);
    assert.equal(m?.text, '[Enter_client_ID_service]');
    assert.equal(m?.start, 6);
    assert.equal(m?.whole, false);
    assert.equal(findPlaceholders('https://login.microsoftonline.com/<Enter the tenant ID obtained from the admin center>')[0]?.family, 'angle');
    assert.equal(findPlaceholders('api://web-api-application-guid/.default')[0]?.text, 'web-api-application-guid');
    assert.equal(findPlaceholders('https://your-keyvault.vault.azure.net')[0]?.text, 'your-keyvault');
    assert.equal(findPlaceholders('https://Enter_the_Tenant_Subdomain_Here.ciamlogin.com/')[0]?.text, 'Enter_the_Tenant_Subdomain_Here');
    assert.equal(findPlaceholders('CN=SOME_CERTIFICATE')[0]?.text, 'SOME_CERTIFICATE');
  });

  it('does not flag real values', () => {
    const real = [
      'https://login.microsoftonline.com/',
      'https://login.microsoftonline.com/{0}',
      'contoso.onmicrosoft.com',
      'a599ce88-0a5f-4a6e-beca-e67d3fc427f4',
      '10c419d4-4a50-45b2-aa4e-919fb84df24f',
      'https://graph.microsoft.com/.default',
      'api://a021aff4-57ad-453a-bae8-e4192e5860f3/access_as_user',
      'CN=LabAuth.MSIDLab.com',
      'LocalMachine/My',
      '51D8BA89C6570E54926BD9812C2E127BB8F862C7',
      'http://[::1]:5000/',
      'http://[fe80::1]/api',
      'user.read contacts.read',
      'B2C_1_susi_reset_v2',
      'common',
      '/signin-oidc',
      'secrets/id4slab1?api-version=7.4',
      'Enter',
      'Set-Cookie',
      '',
      'qWgdYAmab0YSkuL1qKv5bPX',
    ];
    for (const v of real) assert.equal(hasPlaceholder(v), false, `not a placeholder: ${v}`);
  });

  it('tells template GUIDs from random ones', () => {
    assert.ok(isTemplateGuid('11111111-1111-1111-11111111111111111'));
    assert.ok(isTemplateGuid('00000000-0000-0000-0000-000000000000'));
    assert.ok(isTemplateGuid('0000aaaa-11bb-cccc-dd33-eeeeee333333'));
    assert.ok(!isTemplateGuid('4b7a4b0b-ecb2-409e-879a-1e21a15ddaf6'));
    assert.ok(!isTemplateGuid('bea21ebe-8b64-4d06-9f6d-6a889b120a7c'));
    assert.ok(!isTemplateGuid('not-a-guid'));
  });

  it('tells template GUIDs on the characters exactly as the general steps do', () => {
    // The steps as they were, on a lower-cased, trimmed copy (the reference for the allocation-free path).
    const DOC = ['00001111-aaaa-2222-bbbb-3333cccc4444', '11112222-bbbb-3333-cccc-4444dddd5555', 'aaaabbbb-0000-cccc-1111-dddd2222eeee', '0000aaaa-11bb-cccc-dd33-eeeeee333333',
      'aaaa0000-bb11-2222-33cc-444444dddddd', '535fb089-9ff3-47b6-9bfb-4f1264799865', '97e0a5b7-d745-40b6-94fe-5f77d35c6e05', '12345678-1234-1234-1234-123456789012', '12345678-1234-1234-1234-123456789abc'];
    const plain = (value: string): boolean => {
      if (value.length < 30) return false;
      const v = value.trim().toLowerCase();
      if (v.length < 30 || !/^[0-9a-f-]/.test(v)) return false;
      if (DOC.includes(v)) return true;
      const hex = v.replace(/-/g, '');
      if (!/^[0-9a-f]+$/.test(hex) || !/^[0-9a-f-]+$/.test(v)) return false;
      if (/^([0-9a-f])\1*$/.test(hex) && hex.length >= 30) return true;
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) return false;
      const runs = hex.match(/(.)\1*/g) ?? [];
      return runs.every((r) => r.length >= 2) && new Set(hex).size <= 6;
    };
    const run = fc.tuple(fc.constantFrom(...'0123456789abcdefABCDEF-'), fc.integer({ min: 1, max: 9 })).map(([c, k]) => c.repeat(k));
    const odd = fc.constantFrom(' ', '\t', '\u00a0', '\ufeff', 'g', 'G', '\u212a', '{', '}', '--');
    const value = fc.oneof(
      fc.array(fc.oneof(run, run, run, odd), { maxLength: 14 }).map((xs) => xs.join('')),
      fc.tuple(fc.constantFrom(...DOC), fc.boolean(), odd, fc.boolean()).map(([g, up, o, pad]) => (pad ? o : '') + (up ? g.toUpperCase() : g) + (pad ? o : '')),
      fc.uuid().map((u) => u),
      // GUID-shaped runs of few digits: the run and distinct-digit limits decide.
      fc.array(fc.tuple(fc.constantFrom(...'0123456789abcdefABC'), fc.integer({ min: 1, max: 5 })), { minLength: 8, maxLength: 32 }).map((xs) => {
        const hex = xs.map(([c, k]) => c.repeat(k)).join('').padEnd(32, '0').slice(0, 32);
        return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      }),
      fc.tuple(fc.uuid(), fc.nat({ max: 35 }), fc.constantFrom('-', 'a', 'A', '0')).map(([u, i, c]) => u.slice(0, i) + c + u.slice(i + 1)),
    );
    fc.assert(
      fc.property(value, (v) => {
        assert.equal(isTemplateGuid(v), plain(v), JSON.stringify(v));
      }),
      { numRuns: 30000 },
    );
    for (const g of DOC) for (const v of [g, g.toUpperCase(), ` ${g} `, g.replace(/-/g, '')]) assert.equal(isTemplateGuid(v), plain(v), v);
    assert.equal(isTemplateGuid('00112233-4455-0011-2233-445500112233'), true); // six digits in pairs
    assert.equal(isTemplateGuid('00112233-4455-6600-1122-334455660011'), false); // seven
    assert.equal(isTemplateGuid('00112233-4455-0011-2233-4455001122333'), false); // 8-4-4-4-13
    assert.equal(isTemplateGuid('00112233-4455-0011-2233-44550011223'), false); // 8-4-4-4-11
    for (const v of ['00000000-0000-0000-0000-00000000000A', 'AAAAAAAA-AAAA-AAAA-AAAA-AAAAAAAAAAAA', '0000AAAA-11BB-CCCC-DD33-EEEEEE333333', '-'.repeat(40), 'aa'.repeat(18)]) {
      assert.equal(isTemplateGuid(v), plain(v), v);
    }
  });
});

