// CodeLens above identity sections (AzureAd…) and downstream API sections: "Acquire App Token" and
// "Admin consent URL". A lens is shown only when its command is registered (the token commands arrive
// separately), so nothing offers an action that does not exist; token requests also need a trusted workspace.
import { parseTree, type Node } from 'jsonc-parser';
import * as vscode from 'vscode';
import { codeLensEnabled } from './settings';

export const ACQUIRE_TOKEN_COMMAND = 'entraAppDoctor.acquireAppToken';
export const CONSENT_URL_COMMAND = 'entraAppDoctor.adminConsentUrl';

/** Arguments every lens command receives. */
export interface SectionRef {
  uri: string;
  /** JSON path of the section, e.g. ["DownstreamApis", "MicrosoftGraph"] or ["AzureAd"]. */
  path: string[];
  kind: 'identity' | 'downstream';
}

export interface SectionSpan {
  ref: SectionRef;
  /** Offset of the section's key: the lens goes on that line. */
  keyOffset: number;
}

function keysOf(obj: Node): Map<string, Node> {
  const m = new Map<string, Node>();
  for (const p of obj.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v) m.set(String(k.value).trim().toLowerCase(), v);
  }
  return m;
}

const isObject = (n: Node | undefined): n is Node => n?.type === 'object';

/** Identity sections (ClientId with Instance/TenantId/Authority) and downstream API sections (Scopes + BaseUrl or under DownstreamApis). */
export function findSections(text: string, uri: string): SectionSpan[] {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!isObject(root)) return [];
  const out: SectionSpan[] = [];
  for (const prop of root.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !isObject(v)) continue;
    const name = String(k.value);
    const keys = keysOf(v);
    if (keys.has('clientid') && (keys.has('instance') || keys.has('tenantid') || keys.has('authority'))) {
      out.push({ ref: { uri, path: [name], kind: 'identity' }, keyOffset: k.offset });
    } else if (name.trim().toLowerCase() === 'downstreamapis') {
      for (const api of v.children ?? []) {
        const [ak, av] = api.children ?? [];
        if (ak && isObject(av)) out.push({ ref: { uri, path: [name, String(ak.value)], kind: 'downstream' }, keyOffset: ak.offset });
      }
    } else if (keys.has('scopes') && (keys.has('baseurl') || name.trim().toLowerCase() === 'downstreamapi')) {
      out.push({ ref: { uri, path: [name], kind: 'downstream' }, keyOffset: k.offset });
    }
  }
  return out;
}

export class EntraCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private commands: Set<string> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('entraAppDoctor.codeLens') && this.changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      // Other parts of the extension (or a later activation) may register the token command.
      vscode.extensions.onDidChange(() => this.refreshCommands()),
    ];
  }

  refreshCommands(): void {
    this.commands = undefined;
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!codeLensEnabled()) return [];
    // Re-read the command list while the token command is missing: it may be registered after activation.
    if (!this.commands?.has(ACQUIRE_TOKEN_COMMAND)) this.commands = new Set(await vscode.commands.getCommands(true));
    const canAcquire = this.commands.has(ACQUIRE_TOKEN_COMMAND) && vscode.workspace.isTrusted;
    const canConsent = this.commands.has(CONSENT_URL_COMMAND);
    const lenses: vscode.CodeLens[] = [];
    for (const s of findSections(document.getText(), document.uri.toString())) {
      const pos = document.positionAt(s.keyOffset);
      const range = new vscode.Range(pos, pos);
      if (canAcquire) lenses.push(new vscode.CodeLens(range, { title: 'Acquire App Token', command: ACQUIRE_TOKEN_COMMAND, arguments: [s.ref] }));
      if (canConsent) lenses.push(new vscode.CodeLens(range, { title: 'Admin consent URL', command: CONSENT_URL_COMMAND, arguments: [s.ref] }));
    }
    return lenses;
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
  }
}
