// Test helpers for the scope/* rules: lint a text through the real configuration model, apply fixes.
import * as assert from 'node:assert/strict';
import { modelFromText } from '../../../src/core/config';
import type { RuleFinding, RuleFix } from '../../../src/core/lint/rule';
import { scopeRules } from '../../../src/core/lint/rules/scope';
import { applyOffsetEdits } from '../../../src/core/lint/rules/scope/util';

export type Options = Parameters<typeof modelFromText>[1];

export function lint(text: string, options?: Options): RuleFinding[] {
  const model = modelFromText(text, options);
  return scopeRules.flatMap((r) => r.check(model));
}

export function findings(text: string, ruleId: string, options?: Options): RuleFinding[] {
  return lint(text, options).filter((f) => f.ruleId === ruleId);
}

/** The text a finding points at. */
export function at(text: string, f: RuleFinding): string {
  return text.slice(f.offset, f.offset + f.length);
}

export function apply(text: string, fix: RuleFix): string {
  return applyOffsetEdits(text, fix.edits);
}

/**
 * Applies the first fix of the first finding of `ruleId` and checks the fix is complete and
 * idempotent: the re-linted text no longer has that finding (so applying again has nothing to
 * do) and has fewer findings of the rule, and the result still parses. Returns the fixed text.
 */
export function fixAndRecheck(text: string, ruleId: string, options?: Options, fixIndex = 0): string {
  const first = findings(text, ruleId, options);
  assert.ok(first.length > 0, `expected a ${ruleId} finding`);
  const fix = first[0]!.fixes?.[fixIndex];
  assert.ok(fix, `expected fix #${fixIndex} on ${ruleId}`);
  const fixed = apply(text, fix);
  assert.notEqual(fixed, text);
  const after = findings(fixed, ruleId, options);
  assert.ok(after.length < first.length, `${ruleId}: the fix removed no finding:\n${fixed}`);
  assert.ok(!after.some((f) => f.message === first[0]!.message), `${ruleId} still reported after its fix:\n${fixed}`);
  assert.deepEqual(modelFromText(fixed, options).doc.syntaxErrors, [], `fix broke the JSON:\n${fixed}`);
  return fixed;
}

export const CLIENT_ID = '6c1ac2b5-52b1-4f0b-9f8f-7b1b3a3e0e11';

/** A daemon (no user sign-in) with the given DownstreamApis entries (JSON text without braces). */
export function daemon(apis: string): string {
  return `{
  // Daemon calling APIs with app-only tokens
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "contoso.onmicrosoft.com",
    "ClientId": "${CLIENT_ID}",
    "ClientCredentials": [ { "SourceType": "ClientSecret", "ClientSecret": "from-user-secrets" } ]
  },
  "DownstreamApis": {
${apis}
  }
}`;
}

/** A web app signing users in (delegated scopes expected), multi-tenant with TenantId common. */
export function webApp(apis: string): string {
  return `{
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "common",
    "ClientId": "${CLIENT_ID}",
    "CallbackPath": "/signin-oidc",
    "ClientCredentials": [ { "SourceType": "ClientSecret", "ClientSecret": "from-user-secrets" } ]
  },
  "DownstreamApis": {
${apis}
  }
}`;
}

/** Legacy flat daemon (pre-Microsoft.Identity.Web): app-only is inferred from the shape. */
export function legacyDaemon(scopeJson: string): string {
  return `{
	"Instance": "https://login.microsoftonline.com/{0}",
	"Tenant": "contoso.onmicrosoft.com",
	"ClientId": "${CLIENT_ID}",
	"TodoListBaseAddress": "https://localhost:44372",
	"TodoListScope": ${scopeJson}
}`;
}
