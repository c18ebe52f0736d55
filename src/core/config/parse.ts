// JSONC parsing as .NET's configuration reader accepts it: comments and trailing commas are fine.
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { decodeBytes, LineIndex } from '../text';
import type { ConfigDocument, SyntaxIssue } from './model';

const ENV_FILE = /^appsettings\.(.+)\.json$/i;

/** `Development` for appsettings.Development.json, undefined for appsettings.json and other names. */
export function environmentOf(fileName: string): string | undefined {
  return ENV_FILE.exec(fileName)?.[1];
}

export function isAppSettingsName(fileName: string): boolean {
  return /^appsettings(\..+)?\.json$/i.test(fileName);
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Unexpected character',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'A property name in double quotes is expected',
  ValueExpected: 'A value is expected',
  ColonExpected: "A ':' is expected after the property name",
  CommaExpected: "A ',' is expected between values",
  CloseBraceExpected: "A closing '}' is missing",
  CloseBracketExpected: "A closing ']' is missing",
  EndOfFileExpected: 'Extra text after the end of the JSON value',
  InvalidCommentToken: 'Malformed comment',
  UnexpectedEndOfComment: 'Unterminated /* comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Incomplete number',
  InvalidUnicode: 'Invalid \\u escape',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Control character not allowed in a string (escape it)',
};

/** Parses once; a syntax error still yields the partial tree so the rest of the file is analysed. */
export function parseDocument(path: string, textOrBytes: string | Uint8Array): ConfigDocument {
  const { text, encoding } =
    typeof textOrBytes === 'string'
      ? textOrBytes.charCodeAt(0) === 0xfeff
        ? { text: textOrBytes.slice(1), encoding: 'utf8bom' as const }
        : { text: textOrBytes, encoding: 'utf8' as const }
      : decodeBytes(textOrBytes);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const syntaxErrors: SyntaxIssue[] = errors.map((e) => {
    const code = printParseErrorCode(e.error);
    return { message: MESSAGES[code] ?? code, offset: e.offset, length: Math.max(1, e.length) };
  });
  return {
    path,
    text,
    encoding,
    lines: new LineIndex(text),
    root,
    syntaxErrors,
    environment: environmentOf(baseName(path)),
  };
}
