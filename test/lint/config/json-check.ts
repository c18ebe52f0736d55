import { parseTree, type ParseError } from 'jsonc-parser';

/** True when the text is JSONC without syntax errors (comments and trailing commas allowed). */
export function modifiedTextIsValidJson(text: string): boolean {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length === 0;
}
