// Placeholder values left over from samples, templates and docs (entra-facts.md §7).
// A placeholder ClientId/TenantId/secret reaches Entra as-is and fails with AADSTS700016 /
// AADSTS90002 / AADSTS7000215, so the linter reports them as "not configured yet".
//
// Placeholders are found *inside* values too: `api://[Enter_client_ID_service]/x`, `<VaultUri>`,
// `https://login.microsoftonline.com/<Enter the tenant ID …>`.

import { memoizeString } from './memo';
import { words } from './table';

export type PlaceholderFamily =
  /** `[Enter here the ClientId …]`, `[secret-from-portal]`, `[WebApiUrl]`. */
  | 'bracketed'
  /** `<VaultUri>`, `<tenant-id>`, `<<Enter_the_Tenant_ID_Here>>`. */
  | 'angle'
  /** `Enter_the_Application_Id_Here`, `EnterClientSecretHere`, `ENTER_YOUR_CLIENT_ID`. */
  | 'enter-token'
  /** A sentence telling the reader what to put there: `Enter the client ID obtained from …`. */
  | 'instruction'
  /** `your-client-id`, `YourCertificateName`, `your_client_id`. */
  | 'your'
  /** `tenant-guid`, `web-api-application-guid`, `user-assigned-managed-identity-client-id`. */
  | 'descriptive-id'
  /** Template/doc GUIDs: `11111111-1111-1111-1111-111111111111`, `00001111-aaaa-2222-bbbb-3333cccc4444`. */
  | 'template-guid'
  /** Known template values: `qualified.domain.name`, `secret-from-app-registration`, `SOME_CLIENT_ID` … */
  | 'template-value'
  /** Truncated examples: `A1B2C3D4E5F6...`, `MIID... (base64 encoded certificate)`. */
  | 'ellipsis';

export interface PlaceholderMatch {
  family: PlaceholderFamily;
  /** Index range inside the value (end exclusive). */
  start: number;
  end: number;
  text: string;
  /** The placeholder is the whole value (modulo surrounding whitespace). */
  whole: boolean;
}

/** GUIDs printed in Entra docs and templates as examples (lower-case). */
const DOC_GUIDS = new Set(
  words(`
00001111-aaaa-2222-bbbb-3333cccc4444 11112222-bbbb-3333-cccc-4444dddd5555 aaaabbbb-0000-cccc-1111-dddd2222eeee
0000aaaa-11bb-cccc-dd33-eeeeee333333 aaaa0000-bb11-2222-33cc-444444dddddd 535fb089-9ff3-47b6-9bfb-4f1264799865
97e0a5b7-d745-40b6-94fe-5f77d35c6e05 12345678-1234-1234-1234-123456789012 12345678-1234-1234-1234-123456789abc
`),
);

/** Whole values from templates, samples and test stubs (compared case-insensitively). */
const TEMPLATE_VALUES = new Set(
  words(`
qualified.domain.name secret-from-app-registration MySignUpSignInPolicyId placeholder SCOPES URL TODO TBD CHANGEME
change-me xxx xxxx optional-for-user-assigned-msi certificate-password sampleCredentials server.pem filename.pem
`).map((s) => s.toLowerCase()),
);

/** Words that open an instruction to the reader rather than a value. */
const INSTRUCTION_VERBS = /^(?:enter|add|copy|paste|insert|put|replace|provide|fill|type|specify|set)\b/i;

/**
 * Patterns found anywhere inside a value; each is tried in order and overlapping later hits are dropped.
 * `needs` is a cheap test on the lower-cased value that every match requires: most values are real
 * (URLs, GUIDs, booleans), and skipping the regexes for them is what keeps the linter fast.
 */
const EMBEDDED: { family: PlaceholderFamily; re: RegExp; needs: (lower: string) => boolean }[] = [
  // `<<Enter_the_Tenant_ID_Here>>` before the single-angle form so it is one match.
  { family: 'angle', re: /<<[^<>]*[A-Za-z][^<>]*>>/g, needs: (l) => l.includes('<<') },
  // Square brackets around prose or an identifier-like name; IPv6 literals (`[::1]`) have no letters run.
  { family: 'bracketed', re: /\[[^[\]]*[A-Za-z]{2,}[^[\]]*\]/g, needs: (l) => l.includes('[') },
  { family: 'angle', re: /<[^<>]*[A-Za-z]{2,}[^<>]*>/g, needs: (l) => l.includes('<') },
  { family: 'enter-token', re: /\b(?:Enter|Insert)_[A-Za-z0-9_]+/gi, needs: (l) => l.includes('enter_') || l.includes('insert_') },
  { family: 'enter-token', re: /\bEnter[A-Z][A-Za-z]*Here\b/g, needs: (l) => l.includes('enter') },
  { family: 'enter-token', re: /\b(?:ENTER|INSERT)_YOUR_[A-Z0-9_]+\b/g, needs: (l) => l.includes('_your_') },
  { family: 'template-value', re: /\bSOME_[A-Z0-9_]+\b/g, needs: (l) => l.includes('some_') },
  // your-tenant-id, your_client_id, YourCertificateName, https://your-keyvault.vault.azure.net
  { family: 'your', re: /(?<![A-Za-z0-9])[Yy]our(?:[-_][A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*|[A-Z][A-Za-z0-9]+)/g, needs: (l) => l.includes('your') },
  // tenant-guid, web-api-application-guid, user-assigned-managed-identity-client-id, api-client-id-here
  {
    family: 'descriptive-id',
    re: /(?<![A-Za-z0-9-])[a-z]+(?:-[a-z]+)*-(?:guid|client-id|tenant-id|app-id|application-id|object-id)(?:-here)?(?![A-Za-z0-9-])/gi,
    needs: (l) => l.includes('-guid') || l.includes('-id'),
  },
  { family: 'ellipsis', re: /[A-Za-z0-9+/=]{2,}(?:\.\.\.|…)/g, needs: (l) => l.includes('...') || l.includes('…') },
];

const NONE: PlaceholderMatch[] = [];
/** Something every EMBEDDED pattern needs (a superset of their `needs`). */
const ANY_EMBEDDED = /[[<…]|\.\.\.|enter|insert|some_|your|-id|-guid/i;
const LONGEST_TEMPLATE_VALUE = 40;

/**
 * Finds placeholders inside a configuration value. Returns an empty array for real values.
 * Whole-value checks (instruction sentences, template GUIDs and values) come first; then
 * embedded patterns, so `api://[Enter_client_ID_service]/.default` yields the bracketed part.
 */
/**
 * Pure in the string, and asked about the same values by several rules on every keystroke: memoised
 * (bounded; results are shared, callers only read them).
 */
const findPlaceholdersMemo: (value: string) => PlaceholderMatch[] = memoizeString(findPlaceholdersUncached, 5000);
export function findPlaceholders(value: string): PlaceholderMatch[] {
  // Most values (URLs, GUIDs, names) are ruled out by one pass over their characters: no memo lookup,
  // no copy of the key, no regex. Only values that could hold a placeholder go through the memo.
  return mayHoldPlaceholder(value) ? findPlaceholdersMemo(value) : NONE;
}

/** TEMPLATE_VALUES by length (an array: asked for every value): a value is compared only with those of its own length. */
const TEMPLATES_BY_LENGTH: (string[] | undefined)[] = [];
for (const v of TEMPLATE_VALUES) (TEMPLATES_BY_LENGTH[v.length] ??= []).push(v);

/**
 * False only when findPlaceholdersUncached would find nothing: no non-ASCII character (whose case
 * mapping the regexes would have to judge), no whitespace (instructions are sentences), not a
 * 30+ character run of hex digits and dashes (template GUIDs), not a template value (ASCII case
 * ignored), and none of the substrings ANY_EMBEDDED looks for (`[`, `<`, `...`, enter, insert, some_, your, -id,
 * -guid, case-insensitive). Checked against the regex path on random and real values (placeholders.test.ts).
 */
export function mayHoldPlaceholder(value: string): boolean {
  const n = value.length;
  if (n === 0) return false;
  // One regex scan (faster than a loop over the characters in V8): anything but visible ASCII, and the
  // substrings ANY_EMBEDDED looks for.
  if (NOTABLE.test(value)) return true;
  // Hex digits and dashes only: of all the families, only a template GUID can match.
  if (HEX_OR_DASH.test(value)) return n >= 30 && isTemplateGuid(value);
  const templates = TEMPLATES_BY_LENGTH[n];
  if (templates) for (const t of templates) if (followedBy(value, 0, t)) return true;
  return false;
}

const NOTABLE = /[^\x21-\x7e]|[[<]|\.\.\.|-(?:id|guid)|enter|insert|some_|your/i;
const HEX_OR_DASH = /^[0-9a-f-]+$/i;

/** `value` holds `lowerAscii` at `at`, ignoring ASCII case (letters only: `lowerAscii` may hold '.', '-', '_'). */
function followedBy(value: string, at: number, lowerAscii: string): boolean {
  if (at + lowerAscii.length > value.length) return false;
  for (let k = 0; k < lowerAscii.length; k++) {
    const c = value.charCodeAt(at + k);
    const want = lowerAscii.charCodeAt(k);
    if (c !== want && !(want >= 0x61 && want <= 0x7a && c === want - 0x20)) return false;
  }
  return true;
}

/** The full search, without the prefilter or the memo (exported for the equivalence test). */
export function findPlaceholdersUncached(value: string): PlaceholderMatch[] {
  const trimmed = value.trim();
  if (!trimmed) return NONE;
  const lead = value.indexOf(trimmed);
  const family: PlaceholderFamily | undefined = isTemplateGuid(trimmed)
    ? 'template-guid'
    : trimmed.length <= LONGEST_TEMPLATE_VALUE && TEMPLATE_VALUES.has(trimmed.toLowerCase())
      ? 'template-value'
      : isInstruction(trimmed)
        ? 'instruction'
        : undefined;
  if (family) return [{ family, start: lead, end: lead + trimmed.length, text: trimmed, whole: true }];
  // One regex test, no allocation, rules out values none of the patterns can match.
  if (!ANY_EMBEDDED.test(value)) return NONE;
  const lower = trimmed.toLowerCase();

  let found: PlaceholderMatch[] | undefined;
  for (const { family, re, needs } of EMBEDDED) {
    if (!needs(lower)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(value); m; m = re.exec(value)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found?.some((f) => start < f.end && end > f.start)) continue;
      // `[fe80::1]`, `[2001:db8::1]`: an IPv6 literal in a URL, not a placeholder.
      if (family === 'bracketed' && /^\[[0-9a-f:.%]+\]$/i.test(m[0])) continue;
      (found ??= []).push({ family, start, end, text: m[0], whole: start === lead && end === lead + trimmed.length });
    }
  }
  return found ? found.sort((a, b) => a.start - b.start) : NONE;
}

/** True when the value is, or contains, a placeholder. */
export function hasPlaceholder(value: string): boolean {
  return findPlaceholders(value).length > 0;
}

/** True when the whole value is a placeholder (nothing real around it). */
export function isPlaceholderValue(value: string): boolean {
  const found = findPlaceholders(value);
  return found.length === 1 && found[0]!.whole;
}

/**
 * Template and doc GUIDs: one repeated digit (`11111111-1111-…`), the docs' run-pattern GUIDs
 * (`00001111-aaaa-2222-bbbb-3333cccc4444`), the all-zero GUID and a few well-known doc examples.
 * The run check (every maximal run of equal characters is ≥ 2 long, ≤ 6 distinct characters)
 * practically never matches a random GUID. Judged on the characters of the trimmed value (hex digits
 * in any case and dashes only): no lower-cased copy, copy without dashes, array of runs or set per value
 * — the placeholder prefilter asks this of every GUID in a file.
 */
export function isTemplateGuid(value: string): boolean {
  // Every template GUID is 30+ hex digits and dashes: most values are ruled out before any allocation.
  if (value.length < 30) return false;
  const v = hexDigit(value.charCodeAt(0)) < -1 || hexDigit(value.charCodeAt(value.length - 1)) < -1 ? value.trim() : value;
  const n = v.length;
  if (n < 30) return false;
  let hex = 0; // hex digits
  let seen = 0; // bit per distinct digit
  let prev = -1;
  let run = 0;
  let minRun = n;
  // 8-4-4-4-12: dashes exactly at 8, 13, 18 and 23 of 36.
  let shaped = n === 36;
  for (let i = 0; i < n; i++) {
    const d = hexDigit(v.charCodeAt(i));
    if (d < -1) return false;
    if ((d < 0) !== (i === 8 || i === 13 || i === 18 || i === 23)) shaped = false;
    if (d < 0) continue;
    hex++;
    seen |= 1 << d;
    if (d !== prev) {
      if (prev >= 0 && run < minRun) minRun = run;
      prev = d;
      run = 0;
    }
    run++;
  }
  if (run < minRun) minRun = run;
  if (n === 36 && DOC_GUID.test(v)) return true;
  let distinct = 0;
  for (; seen; seen &= seen - 1) distinct++;
  return hex > 0 && ((distinct === 1 && hex >= 30) || (shaped && minRun >= 2 && distinct <= 6));
}

/** 0-15 for a hex digit (any case), -1 for '-', -2 for anything else. */
function hexDigit(c: number): number {
  return c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c === 0x2d ? -1 : -2;
}

/** One of DOC_GUIDS, apart from case (a test, no lower-cased copy). */
const DOC_GUID = new RegExp(`^(?:${[...DOC_GUIDS].join('|')})$`, 'i');

/** "Enter the tenant ID obtained from …": an imperative sentence of four or more words. */
function isInstruction(value: string): boolean {
  if (!INSTRUCTION_VERBS.test(value)) return false;
  const words = value.split(/\s+/).filter(Boolean);
  return words.length >= 4;
}

/** Short human description of a family, for messages. */
export function describePlaceholder(match: PlaceholderMatch): string {
  switch (match.family) {
    case 'template-guid':
      return 'an example GUID from a template or the docs';
    case 'template-value':
      return 'a template value';
    case 'instruction':
      return 'instructions from a sample';
    case 'ellipsis':
      return 'a truncated example';
    default:
      return 'a placeholder';
  }
}
