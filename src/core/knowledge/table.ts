// The knowledge tables are written as text (a row per line, fields between '|', lists as words) and
// turned into objects when the module loads: the same data, without the quotes, commas and property names
// that an array of object literals repeats for every entry. The linter's tables are compiled at every VS
// Code start (dist/extension.js), so their size counts.

/** Whitespace-separated words (an empty text gives none). */
export function words(text: string): string[] {
  const t = text.trim();
  return t ? t.split(/\s+/) : [];
}

/**
 * The non-empty lines of a table, each split at '|' (fields keep their text: no trimming; trailing empty
 * fields may be left out). A line with more than `columns` fields is a mistake in the table: it throws.
 */
export function rows(text: string, columns: number): string[][] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const fields = line.split('|');
      if (fields.length > columns) throw new Error(`table row with ${fields.length} fields (at most ${columns}): ${line}`);
      return fields;
    });
}
