// "Admin consent URL" for an identity section (or the identity a downstream API section is called with):
// built offline by core/consent, shown with Copy / Open. No request is sent, so it works in restricted mode.
import * as path from 'node:path';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import * as vscode from 'vscode';
import { buildAdminConsentUrl, ConsentUrlError, type ConsentUrl } from '../core/consent/index';
import { findSections, type SectionRef } from './sections';

function prop(obj: Node | undefined, name: string): Node | undefined {
  for (const p of obj?.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && String(k.value).trim().toLowerCase() === name) return v;
  }
  return undefined;
}

const str = (n: Node | undefined): string | undefined => (n?.type === 'string' ? String(n.value) : undefined);

async function textOf(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The first identity section of the file, else of the folder's appsettings.json (an overlay's base). */
async function identityFor(uri: vscode.Uri, text: string): Promise<Node | undefined> {
  const candidates: [vscode.Uri, string][] = [[uri, text]];
  const base = vscode.Uri.file(path.join(path.dirname(uri.fsPath), 'appsettings.json'));
  if (base.toString() !== uri.toString()) {
    const t = await textOf(base);
    if (t !== undefined) candidates.push([base, t]);
  }
  for (const [u, t] of candidates) {
    const section = findSections(t, u.toString()).find((s) => s.ref.kind === 'identity');
    const root = parseTree(t, [], { allowTrailingComma: true });
    if (section && root) return findNodeAtLocation(root, section.ref.path);
  }
  return undefined;
}

export async function consentUrlFor(ref: SectionRef): Promise<ConsentUrl> {
  const uri = vscode.Uri.parse(ref.uri);
  const text = await textOf(uri);
  if (text === undefined) throw new ConsentUrlError(`Cannot read ${path.basename(uri.fsPath)}.`);
  const root = parseTree(text, [], { allowTrailingComma: true });
  const section = root ? findNodeAtLocation(root, ref.path) : undefined;
  const identity = ref.kind === 'identity' ? section : await identityFor(uri, text);
  if (!identity) throw new ConsentUrlError('No identity section (ClientId with TenantId/Instance) found for this API; add one to appsettings.json.');
  const clientId = str(prop(identity, 'clientid')) ?? '';
  let tenant = str(prop(identity, 'tenantid')) ?? '';
  let authorityHost = str(prop(identity, 'instance'));
  const authority = str(prop(identity, 'authority'));
  if (authority && (!tenant || !authorityHost)) {
    const m = /^(https?:\/\/[^/]+)\/([^/?#]+)/i.exec(authority.trim());
    if (m) {
      authorityHost ??= m[1];
      tenant ||= m[2]!;
    }
  }
  // A downstream API whose scope ends in /.default gets the v2 form, consenting exactly that resource.
  let scope: string | undefined;
  if (ref.kind === 'downstream') {
    const scopes = prop(section, 'scopes');
    const values = scopes?.type === 'array' ? (scopes.children ?? []).map(str) : (str(scopes) ?? '').split(/\s+/);
    scope = values.find((s): s is string => !!s && s.trim().toLowerCase().endsWith('/.default'))?.trim();
  }
  return buildAdminConsentUrl({ tenant, clientId, authorityHost, scope });
}

export async function showConsentUrl(ref?: SectionRef): Promise<string | undefined> {
  if (!ref) {
    const doc = vscode.window.activeTextEditor?.document;
    const section = doc ? findSections(doc.getText(), doc.uri.toString()).find((s) => s.ref.kind === 'identity') : undefined;
    if (!section) {
      void vscode.window.showWarningMessage('Open an appsettings*.json with an identity section (ClientId, TenantId) to build its admin consent URL.');
      return undefined;
    }
    ref = section.ref;
  }
  let consent: ConsentUrl;
  try {
    consent = await consentUrlFor(ref);
  } catch (err) {
    if (!(err instanceof ConsentUrlError)) throw err;
    void vscode.window.showWarningMessage(`Admin consent URL: ${err.message}`);
    return undefined;
  }
  void vscode.window.showInformationMessage(`Admin consent URL (${consent.version}): ${consent.url}`, { detail: consent.notes.join('\n') }, 'Copy', 'Open')
    .then(async (choice) => {
      if (choice === 'Copy') await vscode.env.clipboard.writeText(consent.url);
      if (choice === 'Open') await vscode.env.openExternal(vscode.Uri.parse(consent.url));
    });
  return consent.url;
}
