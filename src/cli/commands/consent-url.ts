// `entra-doctor consent-url (--config FILE | --tenant ID --client-id ID) [--cloud NAME] [--scope S]
// [--redirect-uri URL] [--json]`: the admin-consent link, for the cloud of the configuration.
import { resolve } from 'node:path';
import { loadModel, stringValue, type IdentitySection } from '../../core/config';
import { describeUnreadable } from '../../core/config/host';
import { adminRequestText, buildAdminConsentUrl, ConsentUrlError } from '../../core/consent';
import { CliIO, EXIT_OK, EXIT_USAGE, UsageError } from '../io';
import { parseCommandArgs } from '../args';

const HELP = `Usage: entra-doctor consent-url (--config FILE | --tenant ID --client-id ID) [options]

Builds the admin-consent URL that grants the app's application permissions
tenant-wide. Without --scope: the v1 form {host}/{tenant}/adminconsent?client_id=…,
which grants everything configured under "API permissions". With --scope
({resource}/.default): the v2 form {host}/{tenant}/v2.0/adminconsent?….

Options:
  --config FILE          read ClientId, TenantId and Instance from an appsettings*.json
  --section NAME         identity section to use (default: the first, e.g. AzureAd)
  --tenant ID            tenant ID or domain (overrides the config)
  --client-id ID         application (client) ID (overrides the config)
  --cloud NAME           public (default), usgov, china — or the config's Instance
  --scope S              v2 form with this scope, e.g. https://graph.microsoft.com/.default
  --redirect-uri URL     where Entra sends the admin afterwards (must be registered)
  --state VALUE          opaque value returned to the redirect URI
  --request              also print a request text to send to your administrator
  --json                 machine-readable output
  -h, --help             show this help

Exit codes: 0 URL built; 2 usage error, unreadable config or invalid input.
`;

interface Inputs {
  tenant?: string;
  clientId?: string;
  instance?: string;
  from?: string;
}

/** ClientId, tenant and instance of an identity section (Identity.Web or the legacy daemon shape). */
function fromSection(section: IdentitySection): Inputs {
  const get = (k: string): string | undefined => stringValue(section.props.get(k)?.valueNode)?.trim() || undefined;
  const authority = get('authority');
  let tenant = get('tenantid') ?? get('tenant');
  let instance = get('instance');
  if (authority && !authority.includes('{')) {
    try {
      const u = new URL(authority);
      instance ??= u.origin;
      tenant ??= u.pathname.split('/').filter(Boolean)[0];
    } catch {
      /* not a URL: the consent builder reports the missing pieces */
    }
  } else if (authority && !instance) {
    // Legacy "https://login.microsoftonline.com/{0}" format string.
    instance = authority.replace(/\{0\}.*$/, '');
  }
  return { clientId: get('clientid'), tenant, instance, from: section.name || '(root)' };
}

async function readConfig(path: string, sectionName: string | undefined, cwd: string): Promise<Inputs> {
  const abs = resolve(cwd, path);
  const model = await loadModel(abs).catch(() => undefined);
  if (!model) throw new UsageError(`${path}: ${(await describeUnreadable(abs)) ?? 'cannot read the file'}.`);
  if (model.doc.syntaxErrors.length && !model.doc.root) throw new UsageError(`${path}: not valid JSON.`);
  const sections = [...model.identities, ...model.familyIdentities].filter((s) => !s.isB2C);
  const section = sectionName
    ? sections.find((s) => s.name.toLowerCase() === sectionName.toLowerCase())
    : sections.find((s) => s.props.has('clientid')) ?? sections[0];
  if (!section) {
    throw new UsageError(
      sectionName
        ? `${path}: no identity section named '${sectionName}'${sections.length ? ` (found: ${sections.map((s) => s.name || '(root)').join(', ')})` : ''}.`
        : `${path}: no identity section (AzureAd or an object with ClientId and TenantId/Instance) found.`,
    );
  }
  return fromSection(section);
}

export async function consentUrlCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(
    args,
    {
      config: { type: 'string' },
      section: { type: 'string' },
      tenant: { type: 'string' },
      'client-id': { type: 'string' },
      cloud: { type: 'string' },
      scope: { type: 'string' },
      'redirect-uri': { type: 'string' },
      state: { type: 'string' },
      request: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    HELP,
    false,
  );
  const v = parsed.values;
  if (v.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const cfg: Inputs = v.config ? await readConfig(v.config, v.section, io.cwd) : {};
  if (!v.config && v.section) throw new UsageError('--section needs --config.');
  const tenant = v.tenant ?? cfg.tenant;
  const clientId = v['client-id'] ?? cfg.clientId;
  if (!tenant || !clientId) {
    const missing = [!tenant && '--tenant', !clientId && '--client-id'].filter(Boolean).join(' and ');
    throw new UsageError(
      v.config ? `${v.config} (section ${cfg.from}) has no ${!tenant ? 'TenantId' : 'ClientId'}; pass ${missing}.` : `give --config FILE, or ${missing}.\n\n${HELP}`,
    );
  }
  // --cloud beats the config's Instance; an Instance beats the default public cloud.
  const authorityHost = v.cloud ? undefined : cfg.instance;
  let consent;
  try {
    consent = buildAdminConsentUrl({ tenant, clientId, cloud: v.cloud, authorityHost, scope: v.scope, redirectUri: v['redirect-uri'], state: v.state });
  } catch (err) {
    if (!(err instanceof ConsentUrlError)) throw err;
    const where = v.config ? ` (from ${v.config}, section ${cfg.from})` : '';
    if (v.json) io.stdout(`${JSON.stringify({ ok: false, error: { message: err.message } }, null, 2)}\n`);
    else io.stderr(`entra-doctor consent-url: ${err.message}${where}\n`);
    return EXIT_USAGE;
  }
  const request = adminRequestText({ consent, apiName: v.scope ? v.scope.replace(/\/\.default$/i, '') : undefined });
  if (v.json) {
    io.stdout(`${JSON.stringify({ ok: true, ...consent, adminRequest: request }, null, 2)}\n`);
    return EXIT_OK;
  }
  const lines = [consent.url, '', ...consent.notes.map((n) => `- ${n}`)];
  if (v.request) lines.push('', 'Request for your administrator:', '', request);
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT_OK;
}
