// Renders the inspector from its model. Every value from the token goes in as text.
import { append, h } from './dom';
import type { ApiCallResult, InspectorAction, InspectorClaim, InspectorModel, Severity, VerdictStatus, WebviewToHost } from './protocol';
import { countdownText, localTime } from './time';

export type Post = (m: WebviewToHost) => void;

const ICON: Record<VerdictStatus, string> = { ok: '✔', error: '✖', warning: '⚠', info: 'ℹ' };
const SEVERITY_LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

function button(label: string, message: WebviewToHost, post: Post, opts: { primary?: boolean; id?: string; title?: string } = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', class: opts.primary ? 'btn primary' : 'btn', id: opts.id, title: opts.title, 'data-message': message.type }, label);
  b.addEventListener('click', () => post(message));
  return b;
}

function actionMessage(a: InspectorAction): WebviewToHost | undefined {
  switch (a.kind) {
    case 'openConsentUrl':
      return { type: 'openConsentUrl' };
    case 'copyConsentUrl':
      return { type: 'copyConsentUrl' };
    case 'copyAdminRequest':
      return { type: 'copyAdminRequest' };
    case 'refresh':
      return { type: 'refresh' };
    default:
      return undefined;
  }
}

function actionButtons(actions: InspectorAction[], post: Post, primaryFirst: boolean): HTMLElement[] {
  return actions.flatMap((a, i) => {
    const m = actionMessage(a);
    return m ? [button(a.label, m, post, { primary: primaryFirst && i === 0 })] : [];
  });
}

export function renderHeader(model: InspectorModel, post: Post): HTMLElement {
  const kind = model.kind === 'app' ? 'app-only token' : model.kind === 'delegated' ? 'delegated (user) token' : 'token';
  const version = model.version === 'unknown' ? '' : `v${model.version} `;
  const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Token actions' });
  if (model.canRefresh) append(toolbar, button('⟳ Refresh', { type: 'refresh' }, post, { id: 'btn-refresh', title: 'Acquire a new token, bypassing the cache' }));
  if (model.canCallApi) append(toolbar, button('▶ Call API', { type: 'callApi' }, post, { id: 'btn-call-api', title: 'Call the configured API with this token' }));
  return h(
    'header',
    { class: 'top' },
    h('div', { class: 'titles' }, h('h1', {}, 'Token inspector'), h('p', { class: 'subtitle' }, [model.title, `${version}${kind}`].filter(Boolean).join(' · '))),
    toolbar,
  );
}

export function renderVerdict(model: InspectorModel, post: Post): HTMLElement {
  const v = model.verdict;
  const actions: InspectorAction[] = [];
  if (v.action) actions.push(v.action);
  if (model.consentUrl && !actions.some((a) => a.kind === 'copyConsentUrl')) actions.push({ kind: 'copyConsentUrl', label: 'Copy consent URL' });
  if (model.hasAdminRequest) actions.push({ kind: 'copyAdminRequest', label: 'Copy a request for your administrator' });
  const text = v.text.replace(/^[✔✖⚠ℹ]\s*/u, '');
  return h(
    'section',
    { class: `verdict verdict-${v.status}`, id: 'verdict', role: 'status', 'aria-label': 'Verdict' },
    h('p', { class: 'verdict-text' }, h('span', { class: 'verdict-icon', 'aria-hidden': 'true' }, ICON[v.status]), ' ', h('span', { id: 'verdict-text' }, text)),
    actions.length ? h('div', { class: 'actions' }, ...actionButtons(actions, post, v.status !== 'ok')) : null,
    model.consentUrl ? h('p', { class: 'consent-url' }, h('span', { class: 'muted' }, 'Consent URL: '), h('code', { id: 'consent-url' }, model.consentUrl)) : null,
  );
}

export function renderFacts(model: InspectorModel): HTMLElement {
  const dl = h('dl', { class: 'facts' });
  const fact = (term: string, ...value: (Node | string | null | undefined)[]): void => {
    append(dl, h('div', { class: 'fact' }, h('dt', {}, term), h('dd', {}, ...value)));
  };
  fact('Audience', model.audience ? h('code', {}, model.audience) : '—', model.audienceName ? h('span', { class: 'muted' }, ` ${model.audienceName}`) : null);
  fact('App (client ID)', model.clientId ? h('code', {}, model.clientId) : '—');
  fact('Tenant', model.tenantId ? h('code', {}, model.tenantId) : '—');
  if (model.expiresAt) {
    const exp = new Date(model.expiresAt).getTime();
    const countdown = h('time', { id: 'countdown', datetime: model.expiresAt, 'data-countdown': model.expiresAt, class: Date.now() >= exp ? 'expired' : undefined }, countdownText(exp, Date.now()));
    fact('Expires', countdown, h('span', { class: 'muted' }, ` (${localTime(model.expiresAt)})`));
  } else fact('Expires', '—');
  if (model.issuedAt) fact('Issued', h('span', {}, localTime(model.issuedAt)));
  fact('Kind', `${model.kind === 'app' ? 'App-only' : model.kind === 'delegated' ? 'Delegated' : 'Unknown'}${model.version === 'unknown' ? '' : `, v${model.version}`}`, h('span', { class: 'muted block' }, model.kindReason));
  return h('section', { class: 'card', 'aria-labelledby': 'facts-h' }, h('h2', { id: 'facts-h' }, 'Summary'), dl);
}

/** Roles as chips: granted and expected ✔, expected but missing ✖, granted but not asked for neutral. */
export function renderRoleChips(roles: string[], expected: string[], scopes: string[]): HTMLElement {
  const list = h('ul', { class: 'chips', id: 'role-chips', 'aria-label': 'Roles' });
  for (const r of roles) {
    const isExpected = expected.includes(r);
    const cls = expected.length === 0 ? 'chip chip-granted' : isExpected ? 'chip chip-ok' : 'chip chip-extra';
    const state = expected.length === 0 ? 'granted' : isExpected ? 'granted, expected' : 'granted, not in the expected list';
    append(list, h('li', { class: cls, 'aria-label': `${r}: ${state}`, 'data-role': r }, h('span', { 'aria-hidden': 'true', class: 'chip-icon' }, isExpected || expected.length === 0 ? '✔' : '•'), ' ', r));
  }
  for (const e of expected.filter((x) => !roles.includes(x))) {
    append(list, h('li', { class: 'chip chip-missing', 'aria-label': `${e}: missing`, 'data-role': e }, h('span', { 'aria-hidden': 'true', class: 'chip-icon' }, '✖'), ' ', e, h('span', { class: 'chip-note' }, ' missing')));
  }
  for (const s of scopes) {
    append(list, h('li', { class: 'chip chip-scope', 'aria-label': `${s}: delegated scope`, 'data-scope': s }, h('span', { class: 'chip-note' }, 'scp '), s));
  }
  if (!list.firstChild) append(list, h('li', { class: 'chip chip-none' }, 'No roles in this token'));
  return list;
}

export function renderRoles(model: InspectorModel, expected: string[], expectedInput: string, onExpected: (input: string) => void): HTMLElement {
  const input = h('input', {
    type: 'text',
    id: 'expected-roles',
    value: expectedInput,
    placeholder: 'e.g. Orders.Read, Orders.Write',
    'aria-describedby': 'expected-roles-help',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const form = h(
    'form',
    { class: 'expected', id: 'expected-form' },
    h('label', { for: 'expected-roles' }, 'Expected roles'),
    input,
    h('button', { type: 'submit', class: 'btn', id: 'btn-compare' }, 'Compare'),
    h('p', { id: 'expected-roles-help', class: 'muted small' }, 'Comma-separated app role values the API requires; chips show which are missing.'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    onExpected(input.value);
  });
  return h('section', { class: 'card', 'aria-labelledby': 'roles-h' }, h('h2', { id: 'roles-h' }, 'Roles'), renderRoleChips(model.roles, expected, model.scopes), form);
}

export function renderDiagnosis(model: InspectorModel, post: Post): HTMLElement | null {
  if (!model.diagnosis.length) return null;
  const list = h('ol', { class: 'diagnosis', id: 'diagnosis' });
  for (const d of model.diagnosis) {
    append(
      list,
      h(
        'li',
        { class: `diag diag-${d.severity}`, 'data-id': d.id },
        h('h3', {}, h('span', { class: 'sev', 'aria-label': SEVERITY_LABEL[d.severity] }, ICON[d.severity]), ' ', d.title),
        h('p', {}, d.explanation),
        d.actions.length ? h('div', { class: 'actions' }, ...actionButtons(d.actions, post, d.severity === 'error')) : null,
        h('p', { class: 'diag-id muted small' }, d.id),
      ),
    );
  }
  return h('section', { class: 'card', 'aria-labelledby': 'diag-h' }, h('h2', { id: 'diag-h' }, 'Diagnosis'), list);
}

function claimsTable(id: string, caption: string, claims: InspectorClaim[]): HTMLElement {
  const body = h('tbody', {});
  for (const c of claims) {
    append(
      body,
      h(
        'tr',
        { 'data-claim': c.name, class: c.unknown ? 'unknown' : c.opaque ? 'opaque' : undefined },
        h('th', { scope: 'row' }, h('code', {}, c.name), h('span', { class: 'label' }, c.label)),
        h('td', { class: 'value' }, h('code', {}, c.value), c.detail ? h('span', { class: 'detail' }, c.detail) : null),
        h('td', { class: 'meaning' }, c.description),
      ),
    );
  }
  return h(
    'table',
    { id, class: 'claims' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Claim'), h('th', { scope: 'col' }, 'Value'), h('th', { scope: 'col' }, 'Meaning'))),
    body,
  );
}

export function renderClaims(model: InspectorModel): HTMLElement {
  return h('section', { class: 'card', 'aria-labelledby': 'claims-h' }, h('h2', { id: 'claims-h' }, 'Claims'), h('div', { class: 'table-wrap' }, claimsTable('claims-table', 'Token claims with explanations', model.claims)));
}

export function renderTokenHeader(model: InspectorModel): HTMLElement {
  return h('section', { class: 'card', 'aria-labelledby': 'header-h' }, h('h2', { id: 'header-h' }, 'Header'), h('div', { class: 'table-wrap' }, claimsTable('header-table', 'Token header', model.header)));
}

export function renderToken(model: InspectorModel, post: Post, onReveal: () => void): HTMLElement {
  const reveal = h('button', { type: 'button', class: 'btn', id: 'btn-reveal', 'aria-pressed': 'false', 'aria-controls': 'token-text', 'data-message': 'reveal' }, 'Reveal');
  reveal.addEventListener('click', onReveal);
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'token-h' },
    h('h2', { id: 'token-h' }, 'Token'),
    h('p', { class: 'token' }, h('code', { id: 'token-text', class: 'masked', 'aria-label': 'Token (masked)' }, model.tokenPreview)),
    h(
      'div',
      { class: 'actions' },
      reveal,
      button('Copy token', { type: 'copyToken' }, post, { id: 'btn-copy-token' }),
      button('Copy Authorization header', { type: 'copyAuthorizationHeader' }, post, { id: 'btn-copy-header', title: 'Authorization: Bearer …' }),
    ),
    h('p', { class: 'muted small' }, 'The token stays in the extension; it is shown here only when you reveal it.'),
  );
}

export function renderApiResult(r: ApiCallResult): HTMLElement {
  const ok = r.status >= 200 && r.status < 300;
  const headers = h('tbody', {});
  for (const [k, v] of r.headers) append(headers, h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)));
  return h(
    'section',
    { class: 'card', id: 'api-result', 'aria-labelledby': 'api-h' },
    h('h2', { id: 'api-h' }, 'API response'),
    h('p', { class: `status ${ok ? 'status-ok' : 'status-error'}` }, h('strong', {}, `${r.status} ${r.statusText}`), ` · ${Math.round(r.durationMs)} ms · `, h('code', {}, `${r.method} ${r.url}`)),
    ...r.diagnosis.map((d) => h('div', { class: `diag diag-${d.severity}` }, h('h3', {}, h('span', { class: 'sev', 'aria-label': SEVERITY_LABEL[d.severity] }, ICON[d.severity]), ' ', d.title), h('p', {}, d.explanation))),
    h('details', {}, h('summary', {}, `Headers (${r.headers.length})`), h('table', { class: 'claims' }, headers)),
    h('pre', { class: 'body', tabindex: '0', 'aria-label': 'Response body' }, r.body),
    r.truncated ? h('p', { class: 'muted small' }, 'The body was cut: it is larger than what is shown.') : null,
  );
}
