// SARIF 2.1.0 for GitHub code scanning: rules table, results with 1-based regions, fixes as replacements.
import type { Finding, Severity } from '../../core/findings';
import { RULE_CATALOG, ruleDocsUrl } from '../../core/lint/catalog';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function region(r: Finding['range']) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** `uri` values relative to the run's base, with forward slashes, as GitHub expects. */
export function toSarif(files: { uri: string; findings: Finding[] }[], baseUri: string, version: string): object {
  const ruleIndex = new Map(RULE_CATALOG.map((r, i) => [r.id, i]));
  const results = files.flatMap(({ uri, findings }) =>
    findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: region(f.range) } }],
      ...(f.related?.length
        ? {
            relatedLocations: f.related.map((r, id) => ({
              id,
              message: { text: r.message },
              physicalLocation: { artifactLocation: { uri: r.file === f.file ? uri : r.file }, region: region(r.range) },
            })),
          }
        : {}),
      ...(f.fixes?.length
        ? {
            fixes: f.fixes.map((fix) => ({
              description: { text: fix.title },
              artifactChanges: [
                {
                  artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
                  replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                },
              ],
            })),
          }
        : {}),
    })),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'entra-doctor',
            fullName: 'Entra App Doctor',
            version,
            informationUri: 'https://github.com/entra-app-doctor/entra-app-doctor',
            rules: RULE_CATALOG.map((r) => ({
              id: r.id,
              name: r.id.replace(/[^a-zA-Z0-9]+(.)/g, (_m, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              helpUri: ruleDocsUrl(r.id),
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: baseUri.endsWith('/') ? baseUri : `${baseUri}/` } },
        results,
      },
    ],
  };
}
