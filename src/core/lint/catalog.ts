// Every rule id with a one-line summary: the Problems panel's code, SARIF's rule table, docs/rules.md headings.
import type { Severity } from '../findings';

export interface RuleInfo {
  id: string;
  title: string;
  /** The usual severity; findings may be lower when the tool is less certain. */
  defaultSeverity: Severity;
}

export const RULE_CATALOG: readonly RuleInfo[] = [
  { id: 'json/syntax', title: 'The file is not valid JSON (comments and trailing commas are fine)', defaultSeverity: 'error' },
  { id: 'json/duplicate-key', title: 'A key appears twice in one object; .NET fails at start-up', defaultSeverity: 'error' },
  { id: 'config/key-whitespace', title: 'A key has leading or trailing whitespace and binds to nothing', defaultSeverity: 'error' },
  { id: 'config/unknown-key', title: 'A misspelled or misplaced identity key that nothing reads', defaultSeverity: 'warning' },
  { id: 'config/placeholder', title: 'A template placeholder was left in the configuration', defaultSeverity: 'warning' },
  { id: 'config/invalid-guid', title: 'A client or tenant id that is not a valid GUID', defaultSeverity: 'error' },
  { id: 'config/tenant-not-specific', title: 'common/organizations/consumers cannot issue app-only tokens', defaultSeverity: 'error' },
  { id: 'config/secret-in-source', title: 'A secret is written in a file that is likely committed', defaultSeverity: 'warning' },
  { id: 'config/secret-looks-like-id', title: 'A GUID where the client secret value belongs (the secret ID?)', defaultSeverity: 'error' },
  { id: 'config/credentials-shape', title: 'A malformed credential description', defaultSeverity: 'error' },
  { id: 'config/instance', title: 'A malformed or conflicting Instance/Authority', defaultSeverity: 'error' },
  { id: 'config/cloud-mismatch', title: 'A resource of one cloud with the authority of another', defaultSeverity: 'error' },
  { id: 'config/boolean-string', title: 'A quoted "true"/"false" where a boolean belongs', defaultSeverity: 'info' },
  { id: 'config/b2c-certificate', title: 'Certificate credentials on an Azure AD B2C app', defaultSeverity: 'warning' },
  { id: 'scope/missing-default', title: 'An app-only scope must be {resource}/.default', defaultSeverity: 'error' },
  { id: 'scope/v1-trailing-slash', title: 'This resource identifier ends in "/": the scope needs "//.default"', defaultSeverity: 'error' },
  { id: 'scope/default-not-alone', title: '/.default cannot be combined with other scopes', defaultSeverity: 'error' },
  { id: 'scope/multiple-resources', title: 'One token request can only be for one resource', defaultSeverity: 'error' },
  { id: 'scope/whitespace', title: 'A scope with stray whitespace', defaultSeverity: 'warning' },
  { id: 'scope/malformed', title: 'A scope that is neither a URI nor a GUID form', defaultSeverity: 'error' },
  { id: 'scope/string-not-array', title: 'Scopes as a string binds to nothing with IDownstreamApi', defaultSeverity: 'warning' },
  { id: 'scope/empty', title: 'An empty scope list or scope', defaultSeverity: 'error' },
];

export { RULE_IDS, DOCS_BASE, ruleDocsUrl } from './rule-ids';

export function ruleInfo(id: string): RuleInfo | undefined {
  return RULE_CATALOG.find((r) => r.id === id);
}
