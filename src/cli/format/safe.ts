// Text from a token, a server or a cloned repository reaches the terminal: control characters in it
// could move the cursor, clear the screen, retitle the window or hide text (ESC sequences, CR, C1),
// and bidi overrides could make it read differently than it is. Such characters are shown as \uXXXX.
// Applied to values before our own styling, so the colours this tool adds still work.

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A copy of plain data (strings, arrays, objects) with every string made terminal-safe. */
export function terminalSafeDeep<T>(value: T): T {
  if (typeof value === 'string') return terminalSafe(value) as T;
  if (Array.isArray(value)) return value.map((v) => terminalSafeDeep(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, terminalSafeDeep(v)])) as T;
  }
  return value;
}
