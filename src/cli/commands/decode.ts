// `entra-doctor decode [TOKEN | -] [--json]`: decode, explain and diagnose an access token.
// Offline: no network call. The raw token is never printed, only a masked preview.
import { inspectToken, JwtDecodeError, maskToken, MAX_TOKEN_LENGTH, normalizeTokenInput, type DiagnosisContext, type TokenInspection } from '../../core/jwt';
import { CliIO, EXIT_FINDINGS_OR_ENTRA, EXIT_OK, UsageError } from '../io';
import { parseCommandArgs } from '../args';
import { pickStyle, type Style } from '../format/text';
import { terminalSafe, terminalSafeDeep } from '../format/safe';

const HELP = `Usage: entra-doctor decode [TOKEN | -] [options]

Decodes a JWT access token and explains it: version, app-only or delegated,
every claim in plain words, and what is wrong (no roles → admin consent,
audience/trailing slash, version, expiry, tenant). Nothing is sent anywhere.
Pass '-' to read the token from stdin (keeps it out of shell history).
A "Bearer " prefix or an "Authorization: Bearer …" line is accepted.

Options:
  --json                 machine-readable output
  --scope S              the scope (or v1 resource) the token was requested for
  --expect-role R        a role the API requires (repeatable)
  --tenant ID            the configured tenant, compared with the token's
  --client-id ID         the configured client ID (also used for the consent URL)
  --cloud NAME           cloud for the consent URL (default: from the issuer)
  --expect-version 1|2   token version the API accepts
  --app-only             an app-only token is expected (flag user tokens as errors)
  -h, --help             show this help

Exit codes: 0 decoded, no problem found; 1 decoded with errors in the diagnosis,
or the input is not a decodable JWT (the message says why); 2 usage error.
`;

interface Options {
  source?: string;
  json: boolean;
  ctx: DiagnosisContext;
}

function parse(args: string[]): Options | 'help' {
  const parsed = parseCommandArgs(
    args,
    {
      json: { type: 'boolean' },
      scope: { type: 'string' },
      'expect-role': { type: 'string', multiple: true },
      tenant: { type: 'string' },
      'client-id': { type: 'string' },
      cloud: { type: 'string' },
      'expect-version': { type: 'string' },
      'app-only': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    HELP,
    true,
  );
  const v = parsed.values;
  if (v.help) return 'help';
  if (parsed.positionals.length > 1) throw new UsageError(`expected one token, got ${parsed.positionals.length} arguments.\n\n${HELP}`);
  let expectedVersion: DiagnosisContext['expectedVersion'];
  if (v['expect-version'] !== undefined) {
    const ev = v['expect-version'].replace(/^v/i, '');
    if (ev === '1' || ev === '1.0') expectedVersion = '1.0';
    else if (ev === '2' || ev === '2.0') expectedVersion = '2.0';
    else throw new UsageError(`--expect-version must be 1 or 2, not '${v['expect-version']}'.`);
  }
  return {
    source: parsed.positionals[0],
    json: v.json === true,
    ctx: {
      requestedScope: v.scope,
      expectedRoles: v['expect-role']?.flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean),
      configuredTenant: v.tenant,
      clientId: v['client-id'],
      cloud: v.cloud,
      expectedVersion,
      expectAppToken: v['app-only'] ? true : undefined,
    },
  };
}

async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(b);
    size += b.length;
    // Enough to report "too large" without reading an unbounded stream.
    if (size > MAX_TOKEN_LENGTH * 2) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function decodeCommand(args: string[], io: CliIO): Promise<number> {
  const opts = parse(args);
  if (opts === 'help') {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (opts.source === undefined) throw new UsageError(`give the token as an argument, or '-' to read it from stdin.\n\n${HELP}`);
  const raw = opts.source === '-' ? await readStdin(io.stdin) : opts.source;

  let result: TokenInspection;
  try {
    result = inspectToken(raw, opts.ctx);
  } catch (err) {
    if (!(err instanceof JwtDecodeError)) throw err;
    if (opts.json) io.stdout(`${JSON.stringify({ ok: false, error: { code: err.code, message: err.message } }, null, 2)}\n`);
    else io.stderr(`entra-doctor decode: ${err.message}\n`);
    return EXIT_FINDINGS_OR_ENTRA;
  }
  const masked = maskToken(normalizeTokenInput(raw));
  if (opts.json) {
    const { summary, verdict, diagnosis, header, claims, headerExplanations, claimExplanations, consent, adminRequest } = result;
    io.stdout(
      `${JSON.stringify(
        {
          ok: true,
          token: { masked, length: result.length },
          summary,
          verdict,
          diagnosis,
          header,
          claims,
          explanations: { header: headerExplanations, claims: claimExplanations },
          ...(consent ? { consent: { url: consent.url, version: consent.version, notes: consent.notes } } : {}),
          ...(adminRequest ? { adminRequest } : {}),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    // Claims are attacker-controlled text: no control characters reach the terminal.
    io.stdout(formatText(terminalSafeDeep(result), terminalSafe(masked), pickStyle(io.isTTY, io.env)));
  }
  return result.diagnosis.some((d) => d.severity === 'error') ? EXIT_FINDINGS_OR_ENTRA : EXIT_OK;
}

function kindText(r: TokenInspection): string {
  const s = r.summary;
  const kind = s.kind === 'app' ? 'app-only token (client credentials)' : s.kind === 'delegated' ? 'delegated (user) token' : 'token of unknown kind';
  const ver = s.version === 'unknown' ? '' : `v${s.version} `;
  return `${ver}${kind}${s.microsoftApi ? ` for ${s.microsoftApi}` : ''}`;
}

function formatText(r: TokenInspection, masked: string, st: Style): string {
  const out: string[] = [];
  const sev = (s: 'error' | 'warning' | 'info' | 'ok'): 'error' | 'warning' | 'info' | 'hint' => (s === 'ok' ? 'hint' : s);
  out.push(`${st.bold('Token')}    ${masked}`);
  out.push(`${st.bold('Kind')}     ${kindText(r)}`);
  out.push(`${st.bold('Verdict')}  ${st.severity(sev(r.verdict.status), r.verdict.text)}`);
  const s = r.summary;
  if (s.audience) out.push(`${st.bold('Audience')} ${s.audience}`);
  if (s.clientId) out.push(`${st.bold('Client')}   ${s.clientId}`);
  if (s.tenantId) out.push(`${st.bold('Tenant')}   ${s.tenantId}`);
  if (s.expiresAt) {
    const rel = r.claimExplanations.find((c) => c.name === 'exp')?.detail ?? s.expiresAt;
    out.push(`${st.bold('Expires')}  ${rel}`);
  }
  if (r.diagnosis.length) {
    out.push('', st.bold('Diagnosis'));
    for (const d of r.diagnosis) {
      out.push(`  ${st.severity(d.severity, d.severity.padEnd(7))}  ${d.title}  ${st.dim(d.id)}`);
      out.push(...wrap(d.explanation, 11));
      for (const a of [d.action, ...(d.moreActions ?? [])]) {
        if (a?.url && a.kind !== 'copyConsentUrl') out.push(`           → ${a.label}: ${a.url}`);
      }
    }
  }
  if (r.adminRequest) {
    out.push('', st.bold('Request for your administrator'), ...r.adminRequest.split('\n').map((l) => (l ? `  ${l}` : '')));
  }
  out.push('', st.bold('Claims'));
  const width = Math.min(18, Math.max(...r.claimExplanations.map((c) => c.name.length)) + 2);
  for (const c of r.claimExplanations) {
    const detail = c.detail ? `  ${st.dim(`— ${c.detail}`)}` : '';
    out.push(`  ${c.name.padEnd(width)}${truncate(c.value, 100)}${detail}`);
    out.push(...wrap(`${c.label}: ${c.description}`, width + 2).map((l) => st.dim(l)));
  }
  out.push('', st.bold('Header'));
  for (const h of r.headerExplanations) {
    out.push(`  ${h.name.padEnd(width)}${truncate(h.value, 100)}`);
    out.push(...wrap(`${h.label}: ${h.description}`, width + 2).map((l) => st.dim(l)));
  }
  return `${out.join('\n')}\n`;
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function wrap(text: string, indent: number, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width - indent) {
      lines.push(' '.repeat(indent) + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(' '.repeat(indent) + line);
  return lines;
}
