// Rule ids and their docs links, apart from the catalogue's titles: the linter needs only these, and the
// extension's activation bundle stays smaller without 22 titles nothing in it shows.

export const RULE_IDS: ReadonlySet<string> = new Set([
  'json/syntax',
  'json/duplicate-key',
  'config/key-whitespace',
  'config/unknown-key',
  'config/placeholder',
  'config/invalid-guid',
  'config/tenant-not-specific',
  'config/secret-in-source',
  'config/secret-looks-like-id',
  'config/credentials-shape',
  'config/instance',
  'config/cloud-mismatch',
  'config/boolean-string',
  'config/b2c-certificate',
  'scope/missing-default',
  'scope/v1-trailing-slash',
  'scope/default-not-alone',
  'scope/multiple-resources',
  'scope/whitespace',
  'scope/malformed',
  'scope/string-not-array',
  'scope/empty',
]);

/** Where each rule is documented; docs/rules.md has one `## <id>` heading per rule. */
export const DOCS_BASE = 'https://github.com/entra-app-doctor/entra-app-doctor/blob/main/docs/rules.md';

/** GitHub's heading anchor for `## json/syntax` is `#jsonsyntax`. */
export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE}#${ruleId.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-')}`;
}
