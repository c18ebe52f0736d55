// The token inspector's host: one WebviewPanel (created or revealed), restored after a reload by a
// serializer, with a strict CSP and a fresh crypto nonce per page. The webview gets the model (decoded
// claims, masked preview), never the raw token unless the user presses Reveal. Messages from the
// webview are untrusted input: checked with isWebviewToHost before anything happens.
import * as vscode from 'vscode';
import { adminRequestText } from '../../core/consent';
import { inspectToken, JwtDecodeError, type DiagnosisContext, type TokenInspection } from '../../core/jwt';
import { buildInspectorHtml, createNonce } from '../../webview/html';
import { buildInspectorModel } from '../../webview/model';
import { isWebviewToHost, type ApiCallResult, type HostToWebview, type InspectorModel, type WebviewToHost } from '../../webview/protocol';
import { log } from '../token/log';
import { INSPECTOR_VIEW_TYPE } from '../toolIds';
import { ApiCallError, callApi } from './callApi';

export { INSPECTOR_VIEW_TYPE };

export interface ApiTarget {
  name: string;
  method: string;
  url: string;
}

export interface InspectorSession {
  token: string;
  title: string;
  ctx: DiagnosisContext;
  expectedRoles: string[];
  /** Set when the host knows the API (BaseUrl + RelativePath) the token is for. */
  api?: ApiTarget;
  /** Acquires a fresh token (force refresh); undefined when the user cancelled. */
  refresh?: () => Promise<string | undefined>;
}

let extensionUri: vscode.Uri | undefined;

function roots(base: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(base, 'dist'), vscode.Uri.joinPath(base, 'media')];
}

export class InspectorPanel implements vscode.Disposable {
  static current: InspectorPanel | undefined;
  /** Set by the test-mode seams only: every message posted to any inspector webview, for the leak scan. */
  static postedForTests: HostToWebview[] | undefined;
  private session: InspectorSession | undefined;
  private inspection: TokenInspection | undefined;
  private ready = false;
  /** What was last sent (tests read it through a command); holds no token. */
  lastModel: InspectorModel | undefined;
  lastApiResult: ApiCallResult | undefined;
  /** Roles the user typed in the webview; the webview keeps them for the next token, so the diagnosis does too. */
  typedExpectedRoles: string[] | undefined;
  private readonly subs: vscode.Disposable[] = [];

  constructor(readonly panel: vscode.WebviewPanel, base: vscode.Uri) {
    panel.webview.options = { enableScripts: true, localResourceRoots: roots(base) };
    panel.webview.html = buildInspectorHtml({
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(base, 'dist', 'webview.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(base, 'media', 'inspector.css')).toString(),
      cspSource: panel.webview.cspSource,
      nonce: createNonce(),
    });
    this.subs.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Every message from the webview goes through here; false when it was malformed and ignored. Never throws. */
  async receive(m: unknown): Promise<boolean> {
    if (!isWebviewToHost(m)) {
      log.warn('Token inspector: ignored a malformed message from the webview.');
      return false;
    }
    await this.onMessage(m).catch((err: unknown) => this.post({ type: 'notice', level: 'error', text: err instanceof Error ? err.message : String(err) }));
    return true;
  }

  setSession(session: InspectorSession): void {
    this.inspection = inspectToken(session.token, { ...session.ctx, expectedRoles: session.expectedRoles });
    this.session = session;
    this.panel.title = 'Token Inspector';
    if (this.ready) this.show();
  }

  private show(): void {
    if (!this.session || !this.inspection) return;
    this.lastModel = buildInspectorModel(this.inspection, this.session.token, {
      title: this.session.title,
      expectedRoles: this.session.expectedRoles,
      canCallApi: Boolean(this.session.api),
      canRefresh: Boolean(this.session.refresh),
    });
    this.post({ type: 'show', model: this.lastModel });
  }

  private post(m: HostToWebview): void {
    InspectorPanel.postedForTests?.push(m);
    void this.panel.webview.postMessage(m);
  }

  private consentUrl(): string | undefined {
    return this.inspection?.consent?.url;
  }

  private async onMessage(m: WebviewToHost): Promise<void> {
    if (m.type === 'ready') {
      this.ready = true;
      if (this.session) this.show();
      else this.post({ type: 'notice', level: 'info', text: 'Restored view: the token itself is not kept across reloads. Acquire or decode it again to copy it, refresh it or call the API.' });
      return;
    }
    const s = this.session;
    if (!s) {
      this.post({ type: 'notice', level: 'error', text: 'This view was restored without its token. Run "Acquire App Token" or "Decode JWT" again.' });
      return;
    }
    switch (m.type) {
      case 'reveal':
        this.post({ type: 'revealed', token: s.token });
        return;
      case 'copyToken':
        await vscode.env.clipboard.writeText(s.token);
        this.post({ type: 'notice', level: 'info', text: 'Token copied to the clipboard.' });
        return;
      case 'copyAuthorizationHeader':
        await vscode.env.clipboard.writeText(`Authorization: Bearer ${s.token}`);
        this.post({ type: 'notice', level: 'info', text: 'Authorization header copied to the clipboard.' });
        return;
      case 'openConsentUrl':
      case 'copyConsentUrl': {
        const url = this.consentUrl();
        if (!url) {
          this.post({ type: 'notice', level: 'error', text: 'No admin consent URL for this token (client or tenant unknown).' });
          return;
        }
        if (m.type === 'copyConsentUrl') {
          await vscode.env.clipboard.writeText(url);
          this.post({ type: 'notice', level: 'info', text: 'Admin consent URL copied.' });
        } else await vscode.env.openExternal(vscode.Uri.parse(url, true));
        return;
      }
      case 'copyAdminRequest': {
        const text = this.inspection?.adminRequest ?? (this.inspection?.consent ? adminRequestText({ consent: this.inspection.consent }) : undefined);
        if (!text) return;
        await vscode.env.clipboard.writeText(text);
        this.post({ type: 'notice', level: 'info', text: 'Request for your administrator copied (with the consent link).' });
        return;
      }
      case 'setExpectedRoles':
        this.typedExpectedRoles = m.roles;
        this.setSession({ ...s, expectedRoles: m.roles });
        return;
      case 'refresh':
        await this.refresh();
        return;
      case 'callApi':
        await this.callApi();
        return;
    }
  }

  async refresh(): Promise<boolean> {
    const s = this.session;
    if (!s?.refresh) return false;
    this.post({ type: 'busy', busy: true, label: 'Requesting a fresh token…' });
    try {
      const token = await s.refresh();
      if (token) this.setSession({ ...s, token });
      return Boolean(token);
    } catch (err) {
      const e = err as { title?: string; explanation?: string; message?: string };
      this.post({ type: 'notice', level: 'error', text: e.title ? `${e.title}: ${e.explanation ?? ''}` : String(e.message ?? err) });
      return false;
    } finally {
      this.post({ type: 'busy', busy: false });
    }
  }

  async callApi(): Promise<number | undefined> {
    const s = this.session;
    if (!s?.api) {
      this.post({ type: 'notice', level: 'error', text: 'No API to call: the token was not acquired for a downstream API section with a BaseUrl.' });
      return undefined;
    }
    this.post({ type: 'busy', busy: true, label: `${s.api.method} ${s.api.url}…` });
    try {
      const result = await callApi(s.api, s.token, this.inspection?.summary);
      log.info(`Call Web API: ${result.method} ${result.url} → HTTP ${result.status} in ${result.durationMs} ms`);
      this.lastApiResult = result;
      this.post({ type: 'apiResult', result });
      return result.status;
    } catch (err) {
      const text = err instanceof ApiCallError ? err.message : `The call failed: ${err instanceof Error ? err.message : String(err)}`;
      log.warn(`Call Web API: ${text}`);
      this.post({ type: 'notice', level: 'error', text });
      return undefined;
    } finally {
      this.post({ type: 'busy', busy: false });
    }
  }

  hasApi(): boolean {
    return Boolean(this.session?.api);
  }

  dispose(): void {
    if (InspectorPanel.current === this) InspectorPanel.current = undefined;
    this.subs.forEach((d) => d.dispose());
    this.subs.length = 0;
    this.session = undefined;
  }
}

/** Opens (or reuses) the inspector for a token. Throws JwtDecodeError when the token is not a JWT. */
export function showInspector(session: InspectorSession): InspectorPanel {
  if (!extensionUri) throw new Error('the token inspector is not registered');
  let p = InspectorPanel.current;
  if (!p) {
    const panel = vscode.window.createWebviewPanel(INSPECTOR_VIEW_TYPE, 'Token Inspector', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      enableScripts: true,
      localResourceRoots: roots(extensionUri),
    });
    p = new InspectorPanel(panel, extensionUri);
    InspectorPanel.current = p;
  } else p.panel.reveal(undefined, false);
  p.setSession(p.typedExpectedRoles ? { ...session, expectedRoles: p.typedExpectedRoles } : session);
  return p;
}

/** Where dist/webview.js and media/ are: set when the tools load, before any panel is made. */
export function setInspectorBase(base: vscode.Uri): void {
  extensionUri = base;
}

/**
 * A panel VS Code restored after a reload (the serializer is registered at activation and loads the tools).
 * The webview restores its own state (model, expected roles); the token is gone with the old host.
 */
export function restoreInspector(panel: vscode.WebviewPanel, base: vscode.Uri): void {
  const p = new InspectorPanel(panel, base);
  InspectorPanel.current?.panel.dispose();
  InspectorPanel.current = p;
}

export { JwtDecodeError };
