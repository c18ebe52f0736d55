// What `entra-doctor token` prints: the token explained (decoded and diagnosed), or the error. A bundle of its
// own in the build (dist/cli-token-output.js): the command loads it while Entra answers, so the JWT
// knowledge is compiled in time the process would spend waiting.
import { decodeToken, type DecodedJwt } from '../../core/jwt/decode';
import { diagnoseToken, type TokenDiagnosis } from '../../core/jwt/diagnose';
import { maskToken } from '../../core/jwt';
import type { Redactor, TokenError, TokenResult } from '../../core/token';
import { EXIT_OK, type CliIO } from '../io';
import type { Style } from '../format/text';
import { terminalSafe, terminalSafeDeep } from '../format/safe';

export interface OutputOptions {
  json: boolean;
  showToken: boolean;
  /** Where the config's scope came from, when no --scope was given. */
  scopeFrom?: string;
}

type Inspection = TokenDiagnosis & { claims: DecodedJwt['claims'] };

/** Prints an acquired token: its summary, claims and diagnosis (text or --json). */
export function printSuccess(io: CliIO, p: OutputOptions, r: TokenResult, style: Style, redactor: Redactor): number {
  let inspection: Inspection | undefined;
  try {
    // inspectToken without the per-claim explanations, which neither output shows.
    const decoded = decodeToken(r.accessToken);
    inspection = {
      claims: decoded.claims,
      ...diagnoseToken(decoded, {
        requestedScope: r.scope,
        clientId: r.clientId,
        configuredTenant: r.tenant,
        cloud: r.cloud,
        expectAppToken: true,
        now: new Date(),
      }),
    };
  } catch {
    // An opaque (non-JWT) token: nothing to decode; report the token itself.
  }
  const masked = maskToken(r.accessToken);
  const { accessToken, ...rest } = r;
  if (!p.json) {
    // Text output: claims, config values and server text are shown without their control characters.
    inspection = inspection && terminalSafeDeep(inspection);
    r = terminalSafeDeep(r);
  }
  const token = { ...rest, masked, length: accessToken.length, ...(p.showToken ? { accessToken } : {}) };
  if (p.json) {
    const out = {
      ok: true,
      token,
      claims: inspection?.claims ?? {},
      diagnosis: inspection?.diagnosis ?? [],
      ...(inspection ? { summary: inspection.summary, verdict: inspection.verdict } : {}),
      ...(inspection?.consent ? { consent: { url: inspection.consent.url, version: inspection.consent.version } } : {}),
      warnings: r.warnings,
      ...(p.scopeFrom ? { scopeFrom: p.scopeFrom } : {}),
    };
    const text = JSON.stringify(out, null, 2);
    io.stdout(`${p.showToken ? text : redactor.redact(text)}\n`);
    return EXIT_OK;
  }
  const lines: string[] = [];
  const s = inspection?.summary;
  lines.push(`${style.severity('hint', '✔')} ${style.bold('Token acquired')} for ${r.scope}${r.fromCache ? ' (from cache)' : ''}${r.attempts > 1 ? ` after ${r.attempts} attempts` : ''}`);
  lines.push(`  ${'Endpoint'.padEnd(11)}${r.tokenEndpoint}${r.cloud ? ` (${r.cloud})` : ''}`);
  lines.push(`  ${'Client'.padEnd(11)}${r.clientId}`);
  const c = r.credential;
  lines.push(`  ${'Credential'.padEnd(11)}${c.kind === 'secret' ? 'client secret' : c.kind === 'certificate' ? `certificate ${c.thumbprintSha1} (${c.algorithm}${c.sendX5C ? ', x5c' : ''})` : 'federated assertion'} from ${c.source}`);
  if (s) {
    lines.push(`  ${'Token'.padEnd(11)}v${s.version} ${s.kind === 'app' ? 'app-only' : s.kind} token, audience ${s.audience ?? '?'}`);
    lines.push(`  ${'Roles'.padEnd(11)}${s.roles.length ? s.roles.join(', ') : style.severity('warning', '(none)')}`);
  }
  lines.push(`  ${'Expires'.padEnd(11)}${r.expiresOn} (in ${Math.round(r.expiresIn / 60)} min)`);
  lines.push(`  ${'Value'.padEnd(11)}${p.showToken ? accessToken : `${masked}  ${style.dim('(--show-token to print it)')}`}`);
  if (inspection) lines.push(`  ${'Verdict'.padEnd(11)}${style.severity(inspection.verdict.status === 'ok' ? 'hint' : inspection.verdict.status, inspection.verdict.text)}`);
  for (const d of inspection?.diagnosis ?? []) {
    lines.push('', `  ${style.severity(d.severity, d.severity)}  ${d.title}  ${style.dim(d.id)}`, `    ${d.explanation}`);
    if (d.action?.url) lines.push(`    → ${d.action.label}: ${d.action.url}`);
  }
  for (const w of r.warnings) lines.push('', `  ${style.severity('warning', 'warning')}  ${w}`);
  const text = `${lines.join('\n')}\n`;
  io.stdout(p.showToken ? text : redactor.redact(text));
  return EXIT_OK;
}

export function formatError(err: TokenError, st: Style): string {
  // Entra's message, the host and config values may carry control characters: neutralise them for the terminal.
  const e = { ...terminalSafeDeep(err.toJSON()), entraMessage: err.entraMessage && terminalSafe(err.entraMessage), timestamp: err.timestamp && terminalSafe(err.timestamp) };
  const out: string[] = [];
  out.push(`${st.severity('error', '✖')} ${st.bold(e.code)}  ${e.title}`);
  out.push(`  ${'What'.padEnd(8)}${e.explanation}`);
  out.push(`  ${'Fix'.padEnd(8)}${e.fix}`);
  if (e.entraMessage && !e.explanation.includes(e.entraMessage)) out.push(`  ${'Entra'.padEnd(8)}${st.dim(e.entraMessage)}`);
  const ids = [e.httpStatus !== undefined && `HTTP ${e.httpStatus}`, e.correlationId && `Correlation ID ${e.correlationId}`, e.traceId && `Trace ID ${e.traceId}`, e.timestamp && `at ${e.timestamp}`].filter(Boolean);
  if (ids.length) out.push(`  ${st.dim(ids.join(' · '))}`);
  if (e.errorUri) out.push(`  ${st.dim(e.errorUri)}`);
  return `${out.join('\n')}\n`;
}
