/// <reference types="vscode-webview" />
// The token inspector's script (bundled to dist/webview.js as an IIFE). Handshake: post
// {type:'ready'}, the host answers {type:'show', model}. State survives tab switches and reloads
// through getState/setState; the raw token is never part of it.
import { append, clear, h } from './dom';
import { isHostToWebview, type ApiCallResult, type HostToWebview, type InspectorModel, type InspectorState, type WebviewToHost } from './protocol';
import { renderApiResult, renderClaims, renderDiagnosis, renderFacts, renderHeader, renderRoleChips, renderRoles, renderToken, renderTokenHeader, renderVerdict } from './render';
import { countdownText } from './time';

const vscode = acquireVsCodeApi<InspectorState>();
const post = (m: WebviewToHost): void => vscode.postMessage(m);

let state: InspectorState = vscode.getState() ?? {};
let revealed = false;

function parseRoles(input: string): string[] {
  return [...new Set(input.split(/[,\s]+/).map((r) => r.trim()).filter(Boolean))];
}

function expectedRoles(model: InspectorModel): string[] {
  return state.expectedRolesInput !== undefined ? parseRoles(state.expectedRolesInput) : model.expectedRoles;
}

function save(): void {
  vscode.setState(state);
}

function root(): HTMLElement {
  return document.getElementById('app')!;
}

function render(): void {
  const app = root();
  clear(app);
  const model = state.model;
  if (!model) {
    append(app, h('p', { class: 'placeholder' }, 'Waiting for the token…'));
    return;
  }
  revealed = false;
  const expected = expectedRoles(model);
  append(
    app,
    renderHeader(model, post),
    h('div', { id: 'notice', class: 'notice', role: 'alert', hidden: true }),
    renderVerdict(model, post),
    h('div', { class: 'grid' }, renderFacts(model), renderRoles(model, expected, state.expectedRolesInput ?? model.expectedRoles.join(', '), onExpected)),
    renderDiagnosis(model, post),
    state.apiResult ? renderApiResult(state.apiResult) : null,
    renderClaims(model),
    renderTokenHeader(model),
    renderToken(model, post, onReveal),
  );
  app.setAttribute('aria-busy', 'false');
  tick();
}

function onExpected(input: string): void {
  const model = state.model;
  if (!model) return;
  state = { ...state, expectedRolesInput: input };
  save();
  const chips = document.getElementById('role-chips');
  chips?.replaceWith(renderRoleChips(model.roles, parseRoles(input), model.scopes));
  post({ type: 'setExpectedRoles', roles: parseRoles(input) });
}

function onReveal(): void {
  const btn = document.getElementById('btn-reveal');
  const code = document.getElementById('token-text');
  if (!btn || !code || !state.model) return;
  if (revealed) {
    revealed = false;
    code.textContent = state.model.tokenPreview;
    code.className = 'masked';
    code.setAttribute('aria-label', 'Token (masked)');
    btn.textContent = 'Reveal';
    btn.setAttribute('aria-pressed', 'false');
  } else {
    post({ type: 'reveal' });
  }
}

function showRevealed(token: string): void {
  const btn = document.getElementById('btn-reveal');
  const code = document.getElementById('token-text');
  if (!btn || !code) return;
  revealed = true;
  code.textContent = token;
  code.className = 'revealed';
  code.setAttribute('aria-label', 'Token');
  btn.textContent = 'Hide';
  btn.setAttribute('aria-pressed', 'true');
}

function notice(level: 'info' | 'error', text: string): void {
  const el = document.getElementById('notice');
  if (!el) return;
  el.textContent = text;
  el.className = `notice notice-${level}`;
  el.hidden = false;
}

function setBusy(busy: boolean, label?: string): void {
  root().setAttribute('aria-busy', String(busy));
  for (const id of ['btn-refresh', 'btn-call-api']) {
    const b = document.getElementById(id) as HTMLButtonElement | null;
    if (b) b.disabled = busy;
  }
  if (busy && label) notice('info', label);
}

/** Live countdown to expiry; also flips the style once the token has expired. */
function tick(): void {
  const el = document.getElementById('countdown');
  const iso = el?.getAttribute('data-countdown');
  if (!el || !iso) return;
  const exp = new Date(iso).getTime();
  const now = Date.now();
  el.textContent = now >= exp ? `expired ${countdownText(exp, now)}` : countdownText(exp, now);
  el.classList.toggle('expired', now >= exp);
  el.classList.toggle('soon', now < exp && exp - now < 5 * 60_000);
}

function onMessage(data: HostToWebview): void {
  switch (data.type) {
    case 'show':
      // A new token: keep what the user typed as expected roles, forget the old API result.
      state = { model: data.model, expectedRolesInput: state.expectedRolesInput };
      save();
      render();
      break;
    case 'revealed':
      showRevealed(data.token);
      break;
    case 'busy':
      setBusy(data.busy, data.label);
      break;
    case 'notice':
      notice(data.level, data.text);
      break;
    case 'apiResult':
      state = { ...state, apiResult: data.result as ApiCallResult };
      save();
      render();
      document.getElementById('api-result')?.scrollIntoView({ block: 'nearest' });
      break;
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  if (isHostToWebview(event.data)) onMessage(event.data);
});
setInterval(tick, 1000);
render();
post({ type: 'ready' });
