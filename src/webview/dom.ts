// The only way the inspector creates DOM: elements by name, text as text nodes. No innerHTML,
// no event-handler or style attributes, so token claims can never become markup or script.

export type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    // Defence in depth: data never chooses an attribute that can run code or load anything.
    if (/^on/i.test(name) || name === 'style' || name === 'src' || name === 'href' || name === 'srcdoc') {
      throw new Error(`attribute ${name} is not allowed`);
    }
    el.setAttribute(name, value === true ? '' : value);
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}
