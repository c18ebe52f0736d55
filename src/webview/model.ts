// Builds the inspector's model from a token inspection, for the host to post to the webview.
// Runs in the host (Node), never in the webview bundle: the raw token only passes through to
// compute the masked preview.
import type { TokenInspection } from '../core/jwt';
import { maskToken, normalizeTokenInput } from '../core/jwt';
import type { InspectorAction, InspectorModel } from './protocol';

export interface ModelOptions {
  title?: string;
  expectedRoles?: string[];
  canCallApi?: boolean;
  canRefresh?: boolean;
}

export function buildInspectorModel(inspection: TokenInspection, rawToken: string, opts: ModelOptions = {}): InspectorModel {
  const s = inspection.summary;
  const action = (a: { kind: InspectorAction['kind']; label: string; url?: string } | undefined): InspectorAction | undefined =>
    a ? { kind: a.kind, label: a.label, ...(a.url ? { url: a.url } : {}) } : undefined;
  return {
    title: opts.title,
    tokenPreview: maskToken(normalizeTokenInput(rawToken)),
    tokenLength: inspection.length,
    version: s.version,
    kind: s.kind,
    kindReason: s.kindReason,
    verdict: { status: inspection.verdict.status, text: inspection.verdict.text, action: action(inspection.verdict.action) },
    audience: s.audience,
    audienceName: s.microsoftApi,
    clientId: s.clientId,
    tenantId: s.tenantId,
    issuer: s.issuer,
    issuedAt: s.issuedAt,
    notBefore: s.notBefore,
    expiresAt: s.expiresAt,
    roles: s.roles,
    expectedRoles: opts.expectedRoles ?? [],
    scopes: s.scopes,
    claims: inspection.claimExplanations.map((c) => ({ ...c })),
    header: inspection.headerExplanations.map((c) => ({ ...c })),
    diagnosis: inspection.diagnosis.map((d) => ({
      id: d.id,
      severity: d.severity,
      title: d.title,
      explanation: d.explanation,
      actions: [d.action, ...(d.moreActions ?? [])].map(action).filter((a): a is InspectorAction => !!a),
    })),
    consentUrl: inspection.consent?.url,
    hasAdminRequest: inspection.adminRequest !== undefined,
    canCallApi: opts.canCallApi ?? false,
    canRefresh: opts.canRefresh ?? false,
  };
}
