// JSONC parsing as .NET's configuration reader accepts it: comments and trailing commas are fine.
import { createScanner, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { decodeBytes, LineIndex } from '../text';
import { fastParseTree } from './fast-parse';
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

/** System.Text.Json's default MaxDepth, which .NET's JSON configuration reader keeps. */
export const DOTNET_MAX_DEPTH = 64;
/**
 * jsonc-parser descends recursively and overflows the stack somewhere past a few thousand levels;
 * a hostile file nested deeper than this is reported without building a tree.
 */
export const MAX_PARSE_DEPTH = 1000;

/**
 * Deepest bracket nesting, skipping strings and comments: one pass over the characters with no
 * allocation (a tokenizer pass costs as much as the parse itself on a large file). Unterminated
 * strings or comments end the count, which can only under-count what the tokenizer would find
 * for text the parser rejects anyway; the exact pass below runs whenever this one says "deep".
 */
function maxNesting(text: string): number {
  let depth = 0;
  let max = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      if (++depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) {
      if (depth > 0) depth--;
    } else if (c === 0x22) {
      // String: to the closing quote, past escapes; a line break ends it too (the tokenizer does the same).
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22 || d === 0x0a || d === 0x0d) break;
      }
    } else if (c === 0x2f && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d === 0x2f) {
        // Line comment: to the next line break (\n or a lone \r, as the tokenizer reads it).
        for (i += 2; i < n; i++) {
          const e = text.charCodeAt(i);
          if (e === 0x0a || e === 0x0d) break;
        }
      } else if (d === 0x2a) {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? n : end + 1;
      }
    }
  }
  return max;
}

/** Offsets of the brackets that first exceed .NET's depth and our own limit (tokenized only when nesting is deep enough). */
function nestingOverflow(text: string): { dotnet?: number; parser?: number } {
  if (maxNesting(text) <= DOTNET_MAX_DEPTH) return {};
  // The same tokenizer the parser uses, so brackets in strings and comments do not count.
  // jsonc-parser's SyntaxKind is a const enum (unreadable under isolatedModules): its values.
  const OPEN_BRACE = 1, CLOSE_BRACE = 2, OPEN_BRACKET = 3, CLOSE_BRACKET = 4, EOF = 17;
  const scanner = createScanner(text, true);
  const out: { dotnet?: number; parser?: number } = {};
  let depth = 0;
  for (let kind: number = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) {
      depth++;
      if (depth > DOTNET_MAX_DEPTH && out.dotnet === undefined) out.dotnet = scanner.getTokenOffset();
      if (depth > MAX_PARSE_DEPTH) {
        out.parser = scanner.getTokenOffset();
        break;
      }
    } else if ((kind === CLOSE_BRACE || kind === CLOSE_BRACKET) && depth > 0) depth--;
  }
  return out;
}

/** Parses once; a syntax error still yields the partial tree so the rest of the file is analysed. */
export function parseDocument(path: string, textOrBytes: string | Uint8Array): ConfigDocument {
  const { text, encoding } =
    typeof textOrBytes === 'string'
      ? textOrBytes.charCodeAt(0) === 0xfeff
        ? { text: textOrBytes.slice(1), encoding: 'utf8bom' as const }
        : { text: textOrBytes, encoding: 'utf8' as const }
      : decodeBytes(textOrBytes);
  // Valid files nested no deeper than .NET reads (nearly all) take the fast parser: the same tree as
  // parseTree, no errors, nothing to report about nesting. Anything else takes the full path below.
  const fast = fastParseTree(text, DOTNET_MAX_DEPTH);
  if (fast) return { path, text, encoding, lines: new LineIndex(text), root: fast.root, syntaxErrors: [], environment: environmentOf(baseName(path)) };
  const errors: ParseError[] = [];
  const overflow = nestingOverflow(text);
  const root =
    overflow.parser === undefined ? parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true }) : undefined;
  const syntaxErrors: SyntaxIssue[] = errors.map((e) => {
    const code = printParseErrorCode(e.error);
    return { message: MESSAGES[code] ?? code, offset: e.offset, length: Math.max(1, e.length) };
  });
  if (overflow.dotnet !== undefined) {
    const deeper = overflow.parser !== undefined ? ` (this file goes past ${MAX_PARSE_DEPTH} levels and was not analysed further)` : '';
    syntaxErrors.push({
      message: `Nested more than ${DOTNET_MAX_DEPTH} levels deep: .NET's JSON reader stops at ${DOTNET_MAX_DEPTH} levels${deeper}`,
      offset: overflow.dotnet,
      length: 1,
    });
    syntaxErrors.sort((a, b) => a.offset - b.offset);
  }
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
