// The inspector page's HTML, built by the host. No 'vscode' import, so tests build the same page
// outside VS Code. Strict CSP: nothing but our stylesheet and our nonce'd script may load.
import { randomBytes } from 'node:crypto';

export interface InspectorHtmlOptions {
  /** webview.asWebviewUri(dist/webview.js) */
  scriptUri: string;
  /** webview.asWebviewUri(media/inspector.css) */
  styleUri: string;
  /** webview.cspSource */
  cspSource: string;
  /** From {@link createNonce}; a fresh one per page. */
  nonce: string;
}

/** 128 random bits from the OS CSPRNG, base64 (valid in a CSP 'nonce-…' source). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

const escapeAttr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');

export function inspectorCsp(o: Pick<InspectorHtmlOptions, 'cspSource' | 'nonce'>): string {
  return `default-src 'none'; style-src ${o.cspSource}; img-src ${o.cspSource} data:; script-src 'nonce-${o.nonce}';`;
}

export function buildInspectorHtml(o: InspectorHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(o.nonce)) throw new Error('The CSP nonce must be at least 16 base64 characters.');
  // VS Code's webview.cspSource is a source list ("'self' https://*.vscode-cdn.net"): each entry must be
  // 'self' or a plain host/scheme source, so a value cannot smuggle in 'unsafe-inline' or another directive.
  const sources = o.cspSource.trim().split(/\s+/);
  if (!o.cspSource.trim() || sources.some((src) => src !== "'self'" && /[;,'"]/.test(src))) throw new Error('Invalid CSP source.');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(inspectorCsp(o))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(o.styleUri)}">
<title>Token inspector</title>
</head>
<body>
<main id="app" aria-busy="true" aria-label="Token inspector">
<p class="placeholder">Waiting for the token…</p>
</main>
<script nonce="${escapeAttr(o.nonce)}" src="${escapeAttr(o.scriptUri)}"></script>
</body>
</html>
`;
}
