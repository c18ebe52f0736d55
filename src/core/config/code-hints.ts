// Reads the project's C# code for what the configuration alone cannot say: which sections
// are used to request app-only tokens (client credentials) and whether the app signs users in.
import type { RelatedLocation } from '../findings';
import { LineIndex } from '../text';
import type { CodeHints } from './model';

export interface SourceFile {
  path: string;
  text: string;
}

/** IDownstreamApi / DownstreamApi calls that take the section name as first argument. */
const APP_SECTION_CALL =
  /\b((?:CallApi|Get|Post|Put|Patch|Delete)ForApp(?:Async)?)\s*(?:<[^>()]*>)?\s*\(\s*(?:serviceName\s*:\s*)?"([^"\\]+)"/g;
const USER_SECTION_CALL =
  /\b((?:CallApi|Get|Post|Put|Patch|Delete)ForUser(?:Async)?)\s*(?:<[^>()]*>)?\s*\(\s*(?:serviceName\s*:\s*)?"([^"\\]+)"/g;
/** App-token calls whose section (if any) is not given inline. */
const APP_CALL =
  /\b(AcquireTokenForClient|GetTokenForAppAsync|GetAuthorizationHeaderForAppAsync|CreateAuthorizationHeaderForAppAsync|WithAppOnly|RequestAppToken\s*=\s*true)\b/g;
const USER_CALL =
  /\b(GetAccessTokenForUserAsync|GetAuthenticationResultForUserAsync|AcquireTokenOnBehalfOf|AcquireTokenInteractive|AcquireTokenByAuthorizationCode|AcquireTokenSilent|AcquireTokenByUsernamePassword|EnableTokenAcquisitionToCallDownstreamApi|CreateAuthorizationHeaderForUserAsync)\b/g;
const SIGN_IN = /\b(AddMicrosoftIdentityWebApp(?:Authentication)?|AddMicrosoftIdentityUI|AddOpenIdConnect|MicrosoftIdentityWebAppAuthentication)\b/g;
const GET_SECTION = /\bGetSection\s*\(\s*"([^"\\]+)"\s*\)/g;
const REQUEST_APP_TOKEN = /\bRequestAppToken\s*=\s*true\b/g;
/** Every call above holds one of these words; a file with none of them holds no hint. */
const ANY_CALL_WORD = /ForApp|AppOnly|AcquireToken|RequestAppToken|ForUser|MicrosoftIdentity|OpenIdConnect/;
/** How far (in lines) a `GetSection("X")` may be from `RequestAppToken = true` to be tied to it. */
const NEARBY_LINES = 12;

/** Blanks `//` line comments (outside strings) so commented-out calls do not count. Lengths are kept. */
function stripLineComments(text: string): string {
  return text.replace(/^([^"\n]*?)\/\/.*$/gm, (m, before: string) => before + ' '.repeat(m.length - before.length));
}

function location(file: SourceFile, lines: LineIndex, offset: number, length: number, message: string): RelatedLocation {
  return { file: file.path, range: lines.range(offset, length), message };
}

/** Pure: hints from already-read C# and project files. `projectFileText` is the .csproj, when found. */
export function collectCodeHints(
  projectDir: string,
  sources: SourceFile[],
  project?: SourceFile,
): CodeHints {
  const hints: CodeHints = { appTokenSections: new Map(), projectDir };
  for (const file of sources) {
    // Blanking comments only removes words: a file without any of them is skipped before it is copied.
    if (!ANY_CALL_WORD.test(file.text)) continue;
    const text = file.text.includes('//') ? stripLineComments(file.text) : file.text;
    if (!ANY_CALL_WORD.test(text)) continue;
    const lines = new LineIndex(text);
    // Each pattern runs only over text holding a word it needs (most files hold one or two kinds of call).
    const has = (word: string): boolean => text.includes(word);
    const appSections = has('ForApp');
    for (const m of appSections ? text.matchAll(APP_SECTION_CALL) : []) {
      const name = m[2]!;
      if (!hints.appTokenSections.has(name.toLowerCase())) {
        hints.appTokenSections.set(
          name.toLowerCase(),
          location(file, lines, m.index!, m[0].length, `${m[1]}("${name}") requests an app-only token with section '${name}'`),
        );
      }
      hints.anyAppTokenCall ??= location(file, lines, m.index!, m[0].length, `${m[1]} requests an app-only token`);
    }
    const appTokenLines = has('RequestAppToken') ? [...text.matchAll(REQUEST_APP_TOKEN)].map((m) => lines.positionAt(m.index!).line) : [];
    if (appTokenLines.length) {
      for (const m of text.matchAll(GET_SECTION)) {
        const line = lines.positionAt(m.index!).line;
        const name = m[1]!;
        if (appTokenLines.some((l) => Math.abs(l - line) <= NEARBY_LINES) && !hints.appTokenSections.has(name.toLowerCase())) {
          hints.appTokenSections.set(
            name.toLowerCase(),
            location(file, lines, m.index!, m[0].length, `GetSection("${name}") is used next to RequestAppToken = true`),
          );
        }
      }
    }
    if (appSections || has('ForClient') || has('AppOnly') || has('RequestAppToken')) {
      for (const m of text.matchAll(APP_CALL)) {
        hints.anyAppTokenCall ??= location(file, lines, m.index!, m[0].length, `${m[1]} requests an app-only token`);
      }
    }
    const userSections = has('ForUser');
    const userCalls = userSections || has('AcquireToken') || has('TokenAcquisition');
    for (const re of [userSections ? USER_SECTION_CALL : undefined, userCalls ? USER_CALL : undefined]) {
      for (const m of re ? text.matchAll(re) : []) {
        hints.anyUserTokenCall ??= location(file, lines, m.index!, m[0].length, `${m[1]} requests a token on behalf of a user`);
      }
    }
    for (const m of has('MicrosoftIdentity') || has('OpenIdConnect') ? text.matchAll(SIGN_IN) : []) {
      hints.signsInUsers ??= location(file, lines, m.index!, m[0].length, `${m[1]} signs users in`);
    }
  }
  if (project) {
    const m = /<UserSecretsId>\s*([^<\s]+)\s*<\/UserSecretsId>/i.exec(project.text);
    if (m) {
      hints.userSecretsId = m[1]!;
      const lines = new LineIndex(project.text);
      hints.userSecretsIdLocation = location(project, lines, m.index, m[0].length, 'UserSecretsId of the project');
    }
  }
  return hints;
}
