// "Decode JWT" (selection → clipboard → input box; no network), "Generate Admin Consent URL" (the
// section at the cursor or a quick pick; shown with Copy / Open by the existing consent command) and
// "Call Web API" (the inspector's API, or acquire a token for the chosen API first).
import * as vscode from 'vscode';
import { decodeToken, JwtDecodeError, normalizeTokenInput } from '../../core/jwt';
import { findSections, type SectionRef } from '../sections';
import { showConsentUrl } from '../consent';
import { isAppSettingsPath } from '../host';
import type { AcquireFlow } from '../token/acquire';
import { sectionAt } from '../token/target';
import { InspectorPanel, showInspector } from './panel';

export type DecodeSource = 'argument' | 'selection' | 'clipboard' | 'input';

export type DecodeOutcome = { ok: true; source: DecodeSource; verdict: string; roles: string[] } | { ok: false; error: string };

const looksLikeJwt = (s: string): boolean => /^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(normalizeTokenInput(s));

async function tokenText(arg: unknown): Promise<{ text: string; source: DecodeSource } | undefined> {
  if (typeof arg === 'string' && arg.trim()) return { text: arg, source: 'argument' };
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  // Strip quotes and a "Bearer " prefix people select along with the token.
  const cleaned = selected.trim().replace(/^["'`]|["'`,]$/g, '').replace(/^(authorization:\s*)?bearer\s+/i, '');
  if (cleaned) return { text: cleaned, source: 'selection' };
  const clip = (await vscode.env.clipboard.readText()).trim().replace(/^(authorization:\s*)?bearer\s+/i, '');
  if (clip && looksLikeJwt(clip)) return { text: clip, source: 'clipboard' };
  const typed = await vscode.window.showInputBox({
    title: 'Decode JWT',
    prompt: 'Paste an access token (decoded locally; nothing is sent anywhere).',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => {
      if (!v.trim()) return 'Paste a token (three base64url parts separated by dots).';
      try {
        decodeToken(v);
        return undefined;
      } catch (err) {
        return err instanceof JwtDecodeError ? err.message : String(err);
      }
    },
  });
  return typed ? { text: typed, source: 'input' } : undefined;
}

export async function decodeJwtCommand(arg?: unknown): Promise<DecodeOutcome | undefined> {
  const got = await tokenText(arg);
  if (!got) return undefined;
  const where = { argument: 'the given text', selection: 'the selection', clipboard: 'the clipboard', input: 'pasted text' }[got.source];
  try {
    const panel = showInspector({ token: normalizeTokenInput(got.text), title: `Decoded from ${where} (not verified, no network)`, ctx: {}, expectedRoles: [] });
    const model = panel.lastModel;
    const claims = decodeToken(got.text).claims;
    return { ok: true, source: got.source, verdict: model?.verdict.text ?? '', roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [] };
  } catch (err) {
    if (!(err instanceof JwtDecodeError)) throw err;
    void vscode.window.showErrorMessage(`Decode JWT: ${where} is not a JWT — ${err.message}`);
    return { ok: false, error: err.message };
  }
}

/** The section to build the consent URL for: argument, cursor, or a quick pick over the file's sections. */
async function consentRef(arg: unknown): Promise<SectionRef | undefined> {
  if (arg && typeof arg === 'object' && typeof (arg as SectionRef).uri === 'string' && Array.isArray((arg as SectionRef).path)) return arg as SectionRef;
  let doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.uri.scheme !== 'file' || !isAppSettingsPath(doc.uri.fsPath)) {
    const files = await vscode.workspace.findFiles('**/appsettings*.json', '{**/node_modules/**,**/bin/**,**/obj/**}', 200);
    const withSections = [];
    for (const f of files.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
      const d = await vscode.workspace.openTextDocument(f);
      if (findSections(d.getText(), d.uri.toString()).some((s) => s.ref.kind === 'identity')) withSections.push(d);
    }
    if (!withSections.length) {
      void vscode.window.showWarningMessage('No appsettings*.json with an identity section (ClientId, TenantId) in this workspace.');
      return undefined;
    }
    doc = withSections.length === 1 ? withSections[0] : (await vscode.window.showQuickPick(withSections.map((d) => ({ label: vscode.workspace.asRelativePath(d.uri), d })), { title: 'Admin consent URL: which configuration?' }))?.d;
    if (!doc) return undefined;
  } else {
    const editor = vscode.window.activeTextEditor!;
    const at = sectionAt(doc.getText(), doc.uri.toString(), doc.offsetAt(editor.selection.active));
    if (at) return at;
  }
  const sections = findSections(doc.getText(), doc.uri.toString());
  if (sections.length <= 1) return sections[0]?.ref;
  const pick = await vscode.window.showQuickPick(
    sections.map((s) => ({ label: s.ref.path.join(':'), description: s.ref.kind === 'identity' ? 'identity (v1 form: all configured permissions)' : "downstream API (v2 form: this API's /.default)", ref: s.ref })),
    { title: 'Admin consent URL for which section?' },
  );
  return pick?.ref;
}

export async function generateConsentUrlCommand(arg?: unknown): Promise<string | undefined> {
  const ref = await consentRef(arg);
  if (!ref) return undefined;
  return showConsentUrl(ref);
}

export async function callWebApiCommand(flow: AcquireFlow, arg?: unknown): Promise<number | undefined> {
  if (arg === undefined && InspectorPanel.current?.hasApi()) return InspectorPanel.current.callApi();
  const outcome = await flow.run(arg);
  if (!outcome?.ok) return undefined;
  const panel = InspectorPanel.current;
  if (!panel?.hasApi()) {
    void vscode.window.showWarningMessage('Call Web API needs a downstream API section with a BaseUrl (and optionally RelativePath and HttpMethod). The token was acquired; put the cursor in such a section and run the command again.');
    return undefined;
  }
  return panel.callApi();
}
