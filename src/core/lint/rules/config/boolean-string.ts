// config/boolean-string: booleans written as strings (or numbers) in sections Microsoft.Identity.Web binds.
// "true"/"false" bind fine (.NET parses them), but anything else ("yes", "1", "on") makes the
// binder throw at startup ("Failed to convert configuration value").
import type { Rule, RuleFinding } from '../../rule';
import { label, ownedSections, replaceNode, walkProperties } from './util';

/** Boolean options of MicrosoftIdentityOptions / MicrosoftIdentityApplicationOptions, DownstreamApiOptions, AcquireTokenOptions, CredentialDescription. */
const BOOLEAN_KEYS = new Set(
  [
    'RequestAppToken',
    'SendX5C',
    'Skip',
    'UseBoundCredential',
    'ForceRefresh',
    'EnablePiiLogging',
    'ShowPII',
    'WithSpaAuthCode',
    'AllowWebApiToBeAuthorizedByACL',
    'EnableCacheSynchronization',
    'IsProofOfPossessionRequest',
    'UseFastUnboundedCache',
    'PartitionAppTokenCacheByAudience',
    'LegacyCacheCompatibilityEnabled',
    'IsEnabled',
    'SaveTokens',
    'UsePkce',
    'RequireHttpsMetadata',
    'ValidateAuthority',
  ].map((k) => k.toLowerCase()),
);

export const booleanStringRule: Rule = {
  ids: ['config/boolean-string'],
  check(model) {
    const out: RuleFinding[] = [];
    const seen = new Set<unknown>();
    for (const section of ownedSections(model)) {
      walkProperties(
        model.doc,
        section.node,
        section.path,
        (p) => {
          if (seen.has(p.valueNode) || !BOOLEAN_KEYS.has(p.key.toLowerCase())) return;
          seen.add(p.valueNode);
          const v = p.valueNode;
          if (v.type === 'boolean') return; // the usual case: no finding, no path to work out
          const where = label(p.path);
          if (v.type === 'string' && typeof v.value === 'string') {
            const t = v.value.trim().toLowerCase();
            if (t === 'true' || t === 'false') {
              out.push({
                ruleId: 'config/boolean-string',
                severity: 'info',
                message: `'${where}' is the string "${v.value}": .NET still reads it as ${t}, but the schema expects a JSON boolean, and a typo in a string is only caught at startup.`,
                offset: v.offset,
                length: v.length,
                fixes: [replaceNode(`Use ${t}`, v, t)],
              });
            } else {
              out.push({
                ruleId: 'config/boolean-string',
                severity: 'error',
                message: `'${where}' must be true or false; .NET cannot convert ${JSON.stringify(v.value)} to a boolean, so binding throws at startup ("Failed to convert configuration value").`,
                offset: v.offset,
                length: v.length,
                fixes: /^(yes|on|1|y)$/.test(t) ? [replaceNode('Use true', v, 'true')] : /^(no|off|0|n)$/.test(t) ? [replaceNode('Use false', v, 'false')] : undefined,
              });
            }
          } else if (v.type === 'number') {
            out.push({
              ruleId: 'config/boolean-string',
              severity: 'error',
              message: `'${where}' must be true or false; .NET cannot convert the number ${String(v.value)} to a boolean, so binding throws at startup.`,
              offset: v.offset,
              length: v.length,
              fixes: v.value === 1 ? [replaceNode('Use true', v, 'true')] : v.value === 0 ? [replaceNode('Use false', v, 'false')] : undefined,
            });
          }
        },
        section.kind === 'legacy-root' ? 0 : 3,
      );
    }
    return out;
  },
};
