// A bounded memo for pure functions of a string, safe to keep across documents.
//
// V8 represents a substring of 13+ characters as a slice that keeps its whole parent string alive, and
// every value jsonc-parser hands out is such a slice of the document text. A cache keyed by those values
// would pin one old copy of the document per keystroke (1 MB file, 1,000 keystrokes: 1 GB). So a new key
// is copied first, and the function runs on the copy, so nothing it returns points into the document.

/**
 * A copy of `s` that shares no memory with the string it was cut from: the concatenation is flattened
 * into a new string when sliced, and the slice points into that copy (checked with --expose-gc: 50
 * slices of 1 MB strings keep ~0 MB alive). Three times cheaper than a round trip through a Buffer,
 * whose off-heap allocation also counts against the GC's external-memory budget.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** `fn` memoised on its string argument; results are shared, so callers must treat them as read-only. */
export function memoizeString<T>(fn: (s: string) => T, limit: number): (s: string) => T {
  const memo = new Map<string, T>();
  return (s: string): T => {
    let v = memo.get(s);
    if (v === undefined && !memo.has(s)) {
      if (memo.size >= limit) memo.clear();
      const key = detach(s);
      v = fn(key);
      memo.set(key, v);
    }
    return v as T;
  };
}
