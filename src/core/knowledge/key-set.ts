// Case-insensitive membership of configuration keys without lower-casing the key: the linter asks
// "is this key one of …" for every property of every section, and `key.toLowerCase()` allocates a
// string per question. Same answers as `set.has(key.toLowerCase())` (and, for `hasTrimmed`,
// `set.has(key.trim().toLowerCase())`); non-ASCII keys, whose lower case may differ in length or
// map to ASCII (the Kelvin sign), take that exact path.

function isAsciiLetterPair(x: number, lower: number): boolean {
  // x is the upper-case ASCII letter of `lower`.
  return lower >= 0x61 && lower <= 0x7a && x === lower - 0x20;
}

/** A character String.prototype.trim may remove (anything non-ASCII counts: checked the exact way). */
function trimmable(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c >= 0x80;
}

export class LowerKeySet {
  readonly set: ReadonlySet<string>;
  /**
   * Members by length (an array: looked up for every key), each followed by the key as first given: a key
   * written that way (the usual case) is found by one comparison.
   */
  private readonly byLength: (string[] | undefined)[] = [];

  constructor(keys: Iterable<string>) {
    const set = new Set<string>();
    for (const given of keys) {
      const k = given.toLowerCase();
      if (set.has(k)) continue;
      if (!/^[\0-\x7f]*$/.test(k)) throw new Error(`LowerKeySet holds ASCII keys only: ${k}`);
      set.add(k);
      (this.byLength[k.length] ??= []).push(k, given);
    }
    this.set = set;
  }

  /** `set.has(key.toLowerCase())`. */
  has(key: string): boolean {
    const n = key.length;
    // Lower-casing keeps the length, except U+0130 (İ → i + U+0307), whose result holds a non-ASCII
    // character and so is in no set here: no key of this length, no member.
    const candidates = n < this.byLength.length ? this.byLength[n] : undefined;
    if (!candidates) return false;
    for (let j = 0; j < candidates.length; j += 2) {
      if (candidates[j + 1] === key) return true;
      const c = candidates[j]!;
      let i = 0;
      for (; i < n; i++) {
        const x = key.charCodeAt(i);
        const y = c.charCodeAt(i);
        if (x === y || isAsciiLetterPair(x, y)) continue;
        if (x >= 0x80) return this.set.has(key.toLowerCase());
        break;
      }
      if (i === n) return true;
    }
    return false;
  }

  /** `set.has(key.trim().toLowerCase())`. */
  hasTrimmed(key: string): boolean {
    const n = key.length;
    if (n === 0) return this.set.has('');
    return trimmable(key.charCodeAt(0)) || trimmable(key.charCodeAt(n - 1)) ? this.set.has(key.trim().toLowerCase()) : this.has(key);
  }
}
