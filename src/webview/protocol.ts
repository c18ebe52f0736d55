// Messages between the token inspector webview and its host (the VS Code panel). Shared by both
// sides: no imports, types and guards only. The webview never receives the raw token unless the
// user asks to reveal it, and never keeps it in its persisted state.

export type Severity = 'error' | 'warning' | 'info';
export type VerdictStatus = 'ok' | Severity;

export interface InspectorClaim {
  name: string;
  /** Display text of the value (JSON for arrays and objects). */
  value: string;
  label: string;
  description: string;
  /** Value-specific reading, e.g. "client secret" or an ISO time with relative time. */
  detail?: string;
  unknown?: boolean;
  opaque?: boolean;
}

export type InspectorActionKind = 'openConsentUrl' | 'copyConsentUrl' | 'copyAdminRequest' | 'openUrl' | 'refresh';

export interface InspectorAction {
  kind: InspectorActionKind;
  label: string;
  /** Shown to the user as text next to the button; opening is the host's job. */
  url?: string;
}

export interface InspectorDiagnosis {
  id: string;
  severity: Severity;
  title: string;
  explanation: string;
  actions: InspectorAction[];
}

export interface InspectorModel {
  /** What the token is for, e.g. "appsettings.json · AzureAd → TodoList"; plain text. */
  title?: string;
  /** Masked preview, e.g. "eyJ0eXAi…(1523 chars)…x9Qw". Never the token. */
  tokenPreview: string;
  tokenLength: number;
  version: '1.0' | '2.0' | 'unknown';
  kind: 'app' | 'delegated' | 'unknown';
  kindReason: string;
  verdict: { status: VerdictStatus; text: string; action?: InspectorAction };
  audience?: string;
  /** Microsoft API the audience belongs to ("Microsoft Graph"), if any. */
  audienceName?: string;
  clientId?: string;
  tenantId?: string;
  issuer?: string;
  issuedAt?: string;
  notBefore?: string;
  /** ISO time; the webview counts down to it. */
  expiresAt?: string;
  roles: string[];
  /** Roles the configuration or the user expects; compared with `roles` in the chips. */
  expectedRoles: string[];
  scopes: string[];
  claims: InspectorClaim[];
  header: InspectorClaim[];
  diagnosis: InspectorDiagnosis[];
  consentUrl?: string;
  /** The host can copy a request text for an administrator. */
  hasAdminRequest: boolean;
  /** The host knows which API to call (BaseUrl + RelativePath). */
  canCallApi: boolean;
  /** The host can acquire a fresh token (it acquired this one). */
  canRefresh: boolean;
}

export interface ApiCallResult {
  method: string;
  url: string;
  status: number;
  statusText: string;
  durationMs: number;
  headers: [string, string][];
  /** Pretty-printed when JSON; cut when large. */
  body: string;
  truncated: boolean;
  diagnosis: { severity: Severity; title: string; explanation: string }[];
}

export type HostToWebview =
  | { type: 'show'; model: InspectorModel }
  /** Answer to `reveal`: the token, shown until hidden; never persisted by the webview. */
  | { type: 'revealed'; token: string }
  | { type: 'busy'; busy: boolean; label?: string }
  | { type: 'notice'; level: 'info' | 'error'; text: string }
  | { type: 'apiResult'; result: ApiCallResult };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'reveal' }
  | { type: 'copyToken' }
  | { type: 'copyAuthorizationHeader' }
  | { type: 'openConsentUrl' }
  | { type: 'copyConsentUrl' }
  | { type: 'copyAdminRequest' }
  | { type: 'refresh' }
  | { type: 'callApi' }
  | { type: 'setExpectedRoles'; roles: string[] };

const SIMPLE: ReadonlySet<string> = new Set([
  'ready',
  'reveal',
  'copyToken',
  'copyAuthorizationHeader',
  'openConsentUrl',
  'copyConsentUrl',
  'copyAdminRequest',
  'refresh',
  'callApi',
]);

/** The host must treat webview messages as untrusted input. */
export function isWebviewToHost(m: unknown): m is WebviewToHost {
  if (!m || typeof m !== 'object') return false;
  const type = (m as { type?: unknown }).type;
  if (typeof type !== 'string') return false;
  if (SIMPLE.has(type)) return true;
  if (type === 'setExpectedRoles') {
    const roles = (m as { roles?: unknown }).roles;
    return Array.isArray(roles) && roles.length <= 100 && roles.every((r) => typeof r === 'string' && r.length <= 200);
  }
  return false;
}

export function isHostToWebview(m: unknown): m is HostToWebview {
  if (!m || typeof m !== 'object') return false;
  const t = (m as { type?: unknown }).type;
  switch (t) {
    case 'show':
      return typeof (m as { model?: unknown }).model === 'object' && (m as { model?: unknown }).model !== null;
    case 'revealed':
      return typeof (m as { token?: unknown }).token === 'string';
    case 'busy':
      return typeof (m as { busy?: unknown }).busy === 'boolean';
    case 'notice':
      return typeof (m as { text?: unknown }).text === 'string';
    case 'apiResult':
      return typeof (m as { result?: unknown }).result === 'object' && (m as { result?: unknown }).result !== null;
    default:
      return false;
  }
}

/** What the webview persists with setState (restored after tab switches and reloads). */
export interface InspectorState {
  model?: InspectorModel;
  /** The expected roles as the user typed them. */
  expectedRolesInput?: string;
  apiResult?: ApiCallResult;
}
