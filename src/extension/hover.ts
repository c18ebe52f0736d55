// Hovers on scope values and on ClientId / TenantId / Instance values of appsettings*.json.
// Locating the value is done with jsonc-parser on the document text; the texts come from hover-content.ts.
import { findNodeAtLocation, getLocation, parseTree, type Node } from 'jsonc-parser';
import * as vscode from 'vscode';
import { identityHover, scopeHover, type IdentityKey, type IdentityValues } from './hover-content';

const SCOPE_KEY = /scopes?$/i;
const IDENTITY_KEYS: Record<string, IdentityKey> = { clientid: 'clientid', tenantid: 'tenantid', instance: 'instance' };

/** The property value of `name` (case-insensitive, trimmed as .NET's binder does not) in an object node. */
function stringProp(obj: Node | undefined, name: string): string | undefined {
  for (const p of obj?.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k?.value?.toString().toLowerCase() === name && v?.type === 'string') return v.value as string;
  }
  return undefined;
}

export class EntraHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const text = document.getText();
    const offset = document.offsetAt(position);
    const loc = getLocation(text, offset);
    const node = loc.previousNode;
    if (loc.isAtPropertyKey || !node || node.type !== 'string' || offset < node.offset || offset > node.offset + node.length) return undefined;
    const path = loc.path;
    const last = path[path.length - 1];
    const key = typeof last === 'number' ? path[path.length - 2] : last;
    if (typeof key !== 'string') return undefined;
    const range = new vscode.Range(document.positionAt(node.offset), document.positionAt(node.offset + node.length));

    if (SCOPE_KEY.test(key.trim())) {
      const value = String(node.value);
      // Space-separated form ("Scopes": "a b"): explain the scope under the cursor.
      const inner = offset - node.offset - 1;
      let start = 0;
      for (const part of value.split(' ')) {
        if (inner >= start && inner <= start + part.length && part) {
          return new vscode.Hover(markdown(scopeHover(part)), range);
        }
        start += part.length + 1;
      }
      return undefined;
    }

    const identityKey = IDENTITY_KEYS[key.trim().toLowerCase()];
    if (identityKey && typeof last === 'string') {
      const root = parseTree(text, [], { allowTrailingComma: true });
      const section = root ? findNodeAtLocation(root, path.slice(0, -1)) : undefined;
      const values: IdentityValues = {
        clientId: stringProp(section, 'clientid'),
        tenantId: stringProp(section, 'tenantid'),
        instance: stringProp(section, 'instance'),
      };
      return new vscode.Hover(markdown(identityHover(identityKey, values)), range);
    }
    return undefined;
  }
}

function markdown(value: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
