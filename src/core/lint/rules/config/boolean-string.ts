// config/boolean-string: booleans written as strings (or numbers) in sections Microsoft.Identity.Web binds.
// "true"/"false" bind fine (.NET parses them), but anything else ("yes", "1", "on") makes the
// binder throw at startup ("Failed to convert configuration value").
import type { Node } from 'jsonc-parser';
import { propertiesOf } from '../../../config/json';
import type { ConfigDocument, PropertyRef } from '../../../config/model';
import { LowerKeySet } from '../../../knowledge/key-set';
import type { Rule, RuleFinding } from '../../rule';
import { label, ownedSections, replaceNode } from './util';

/** Boolean options of MicrosoftIdentityOptions / MicrosoftIdentityApplicationOptions, DownstreamApiOptions, AcquireTokenOptions, CredentialDescription. */
const BOOLEAN_KEYS = new LowerKeySet(
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
  ],
);

/**
 * Properties with a boolean key in the objects below `n` (n included), as walkProperties would visit
 * them (objects up to `maxDepth` levels below), without a PropertyRef for the other keys.
 */
function booleanKeyed(doc: ConfigDocument, n: Node, depth: number, maxDepth: number, visit: (p: PropertyRef) => void): void {
  if (n.type === 'object') {
    const children = n.children ?? [];
    let hit = false;
    for (const c of children) {
      const k = c.children?.[0];
      // A boolean value is never reported (nor kept in `seen`): only other values make PropertyRefs.
      if (k && c.children![1] && c.children![1].type !== 'boolean' && typeof k.value === 'string' && BOOLEAN_KEYS.has(k.value)) hit = true;
    }
    if (hit) for (const p of propertiesOf(doc, n)) if (BOOLEAN_KEYS.has(p.key)) visit(p);
    if (depth < maxDepth) {
      for (const c of children) {
        const k = c.children?.[0];
        const v = c.children?.[1];
        // Only objects and arrays hold properties: no call for the other values.
        if (k && v && typeof k.value === 'string' && v.children) booleanKeyed(doc, v, depth + 1, maxDepth, visit);
      }
    }
  } else if (n.type === 'array' && depth < maxDepth && n.children) {
    for (const c of n.children) booleanKeyed(doc, c, depth + 1, maxDepth, visit);
  }
}

export const booleanStringRule: Rule = {
  ids: ['config/boolean-string'],
  check(model) {
    const out: RuleFinding[] = [];
    const seen = new Set<unknown>();
    const visit = (p: PropertyRef): void => {
      const v = p.valueNode;
      if (v.type === 'boolean') return; // the usual case: no finding, no path to work out (nor an entry in `seen`)
      if (seen.has(v)) return;
      seen.add(v);
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
    };
    for (const section of ownedSections(model)) booleanKeyed(model.doc, section.node, 0, section.kind === 'legacy-root' ? 0 : 3, visit);
    return out;
  },
};
