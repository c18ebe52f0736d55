// "Copy request as curl" and the raw HTTP form: the exact request the client sends, with
// the secret or assertion as an environment-variable reference — never inline.
import { CLIENT_ASSERTION_TYPE, ClientCredential } from './client';
import { resolveAuthority, AuthorityInput, AuthorityPolicy } from './authority';

export const SECRET_ENV_REF = 'ENTRA_CLIENT_SECRET';
export const ASSERTION_ENV_REF = 'ENTRA_CLIENT_ASSERTION';

export interface RequestPreview {
  url: string;
  host: string;
  path: string;
  /** [name, literal value] or [name, { env }] for values that must come from the environment. */
  params: Array<[string, string | { env: string }]>;
  /** Set when the secret goes in an Authorization: Basic header. */
  basicAuth?: boolean;
  clientId: string;
}

export function previewTokenRequest(
  req: { authority: AuthorityInput; clientId: string; scopes: string[]; credential: Pick<ClientCredential, 'kind'> & { basicAuth?: boolean } },
  policy: AuthorityPolicy = {},
): RequestPreview {
  const a = resolveAuthority(req.authority, policy);
  const url = new URL(a.tokenEndpoint);
  const params: RequestPreview['params'] = [
    ['grant_type', 'client_credentials'],
    ['client_id', req.clientId.trim()],
    ['scope', req.scopes.map((s) => s.trim()).filter(Boolean).join(' ')],
  ];
  const basic = req.credential.kind === 'secret' && Boolean(req.credential.basicAuth);
  if (req.credential.kind === 'secret') {
    if (!basic) params.push(['client_secret', { env: SECRET_ENV_REF }]);
  } else {
    params.push(['client_assertion_type', CLIENT_ASSERTION_TYPE], ['client_assertion', { env: ASSERTION_ENV_REF }]);
  }
  return { url: a.tokenEndpoint, host: url.host, path: url.pathname, params, basicAuth: basic, clientId: req.clientId.trim() };
}

/** POSIX-shell single quoting. */
function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A curl command for bash/zsh. Secret values are "$ENTRA_CLIENT_SECRET" / "$ENTRA_CLIENT_ASSERTION". */
export function renderCurl(p: RequestPreview): string {
  const lines = [`curl -sS -X POST ${sq(p.url)}`, `  -H 'Content-Type: application/x-www-form-urlencoded'`];
  if (p.basicAuth) lines.push(`  -u ${sq(p.clientId + ':')}"$${SECRET_ENV_REF}"`);
  for (const [k, v] of p.params) {
    lines.push(typeof v === 'string' ? `  --data-urlencode ${sq(`${k}=${v}`)}` : `  --data-urlencode "${k}=$${v.env}"`);
  }
  const needs = new Set(p.params.flatMap(([, v]) => (typeof v === 'string' ? [] : [v.env])));
  if (p.basicAuth) needs.add(SECRET_ENV_REF);
  const pre = [...needs].map((n) => `# set ${n} first (e.g. read -rs ${n} && export ${n})`);
  return [...pre, lines.join(' \\\n')].join('\n');
}

/** The raw HTTP/1.1 request, with ${ENV} placeholders where the secret or assertion go. */
export function renderRawHttp(p: RequestPreview): string {
  const body = p.params
    .map(([k, v]) => `${encodeURIComponent(k)}=${typeof v === 'string' ? encodeURIComponent(v) : `\${${v.env}}`}`)
    .join('&');
  const head = [`POST ${p.path} HTTP/1.1`, `Host: ${p.host}`, 'Content-Type: application/x-www-form-urlencoded'];
  if (p.basicAuth) head.push(`Authorization: Basic base64(${encodeURIComponent(p.clientId)}:urlencode(\${${SECRET_ENV_REF}}))`);
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}
