// Reads an API's 401/403 answer to a token (for "Call Web API"): Graph's Authorization_RequestDenied
// means consent or app role (entra-facts.md §4.3); a WWW-Authenticate invalid_token with an audience
// or issuer complaint means the scope or the token version does not fit the API.
import type { DiagnosisSeverity } from './diagnose';
import type { TokenSummary } from './explain';

export interface ApiResponseInput {
  status: number;
  /** Header names in any case. */
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The token that was sent, when known: lets the advice name its roles and audience. */
  token?: Pick<TokenSummary, 'roles' | 'audience' | 'version' | 'microsoftApi' | 'kind'>;
}

export interface ApiDiagnosis {
  id: string;
  severity: DiagnosisSeverity;
  title: string;
  explanation: string;
}

function header(headers: ApiResponseInput['headers'], name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const v = key ? headers[key] : undefined;
  return Array.isArray(v) ? v.join(', ') : v;
}

/** `Bearer error="invalid_token", error_description="…"` → its parameters. */
export function parseWwwAuthenticate(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([a-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/gi;
  for (let m = re.exec(value); m; m = re.exec(value)) out[m[1]!.toLowerCase()] = (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
  return out;
}

function graphErrorCode(body: string): { code?: string; message?: string } {
  try {
    const j = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    return { code: typeof j.error?.code === 'string' ? j.error.code : undefined, message: typeof j.error?.message === 'string' ? j.error.message : undefined };
  } catch {
    return {};
  }
}

export function diagnoseApiResponse(r: ApiResponseInput): ApiDiagnosis[] {
  if (r.status !== 401 && r.status !== 403) return [];
  const out: ApiDiagnosis[] = [];
  const roles = r.token?.roles ?? [];
  const rolesText = roles.length ? `The token's roles: ${roles.join(', ')}.` : 'The token has no roles.';
  const www = header(r.headers, 'www-authenticate');
  const params = www ? parseWwwAuthenticate(www) : {};
  const desc = params.error_description ?? '';
  const graph = graphErrorCode(r.body);

  if (graph.code === 'Authorization_RequestDenied' || /insufficient privileges/i.test(graph.message ?? r.body)) {
    out.push({
      id: 'api/graph-insufficient-privileges',
      severity: 'error',
      title: 'Graph: insufficient privileges — consent or application permission missing',
      explanation:
        `${rolesText} Graph accepted the token but the app lacks the application permission this call needs. ` +
        (roles.length
          ? 'Check the call\'s documentation for the required application permission (not delegated), add it under "API permissions", grant admin consent, then get a new token.'
          : 'Add the application permission under "API permissions" → Microsoft Graph → "Application permissions" and grant admin consent, then get a new token.'),
    });
  } else if (/IDW10201/.test(r.body)) {
    out.push({ id: 'api/idw-no-roles', severity: 'error', title: 'The API found neither scopes nor roles (IDW10201)', explanation: `${rolesText} Grant the client an app role of this API (application permission) and admin consent.` });
  } else if (/IDW10202/.test(r.body)) {
    out.push({ id: 'api/idw-role-missing', severity: 'error', title: 'The API requires a role the token lacks (IDW10202)', explanation: `${rolesText} The API names the roles it needs in the message; add them as application permissions and consent.` });
  }

  if (r.status === 401) {
    if (/audience/i.test(desc)) {
      out.push({
        id: 'api/invalid-audience',
        severity: 'error',
        title: 'The API rejected the audience',
        explanation: `${desc ? `"${desc}". ` : ''}The token's aud is ${r.token?.audience ?? 'not what the API expects'}. Request scope = the API's App ID URI (or client ID) + "/.default"; mind the trailing slash of v1 resources (https://database.windows.net//.default). A v2 token carries the API's client ID as aud, a v1 token the URI as requested: the API must accept the form its registration issues (accessTokenAcceptedVersion).`,
      });
    } else if (/issuer/i.test(desc)) {
      out.push({
        id: 'api/invalid-issuer',
        severity: 'error',
        title: 'The API rejected the issuer',
        explanation: `${desc ? `"${desc}". ` : ''}This v${r.token?.version ?? '?'} token's issuer is ${r.token?.version === '1.0' ? 'https://sts.windows.net/{tenant}/' : '…/{tenant}/v2.0'}. The API validates the other version's issuer, or another tenant: align accessTokenAcceptedVersion on the API's registration with the issuer the API accepts, and check the tenant.`,
      });
    } else if (/expired|lifetime/i.test(desc)) {
      out.push({ id: 'api/expired', severity: 'error', title: 'The API says the token expired', explanation: `${desc ? `"${desc}". ` : ''}Get a new token; if it is fresh, check the clocks of this machine and the API server.` });
    } else if (/signature/i.test(desc)) {
      out.push({ id: 'api/invalid-signature', severity: 'error', title: 'The API could not validate the signature', explanation: `${desc ? `"${desc}". ` : ''}The API looks up keys in another tenant or cloud than the one that issued the token, or it is validating a Microsoft Graph token (impossible outside Graph).` });
    } else if (!out.length) {
      out.push({
        id: 'api/unauthorized',
        severity: 'error',
        title: '401 Unauthorized: the API did not accept the token',
        explanation: `${www ? `WWW-Authenticate: ${www}. ` : ''}Check the audience (scope), the tenant and the token version the API expects.`,
      });
    }
  } else if (!out.length) {
    out.push({
      id: 'api/forbidden',
      severity: 'error',
      title: '403 Forbidden: the token was accepted but is not allowed to do this',
      explanation: `${rolesText} The API requires a role (application permission) the token does not carry: add it to the client, grant admin consent and get a new token.`,
    });
  }
  return out;
}

/** Body for display: pretty JSON when it is JSON, cut to `max` characters. */
export function formatApiBody(body: string, contentType: string | undefined, max = 64 * 1024): { text: string; truncated: boolean } {
  let text = body;
  if (/json/i.test(contentType ?? '') || /^\s*[[{]/.test(body)) {
    try {
      text = JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      /* not JSON after all: show as is */
    }
  }
  return text.length > max ? { text: text.slice(0, max), truncated: true } : { text, truncated: false };
}
