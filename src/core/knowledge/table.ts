// The knowledge tables are written as text (a row per line, fields between '|', lists as words) and
// turned into objects when the module loads: the same data, without the quotes, commas and property names
// that an array of object literals repeats for every entry. The linter's tables are compiled at every VS
// Code start (dist/extension.js), so their size counts.

/** Whitespace-separated words (an empty text gives none). */
export function words(text: string): string[] {
  const t = text.trim();
  return t ? t.split(/\s+/) : [];
}

/** The non-empty lines of a table, each split at '|' (fields keep their text: no trimming). */
export function rows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('|'));
}
