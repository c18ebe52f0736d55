// json/syntax and json/duplicate-key: what stops .NET from loading the file at all.
import { getNodePath, type Node } from 'jsonc-parser';
import { propertiesOf, propertyMap } from '../../config/json';
import type { ConfigModel } from '../../config/model';
import type { Rule, RuleFinding } from '../rule';

function syntax(model: ConfigModel): RuleFinding[] {
  return model.doc.syntaxErrors.map((e) => ({
    ruleId: 'json/syntax',
    severity: 'error',
    message: `${e.message}. .NET cannot load this file until it is fixed (comments and trailing commas are allowed).`,
    offset: e.offset,
    length: e.length,
  }));
}

function duplicates(model: ConfigModel): RuleFinding[] {
  const out: RuleFinding[] = [];
  const { doc } = model;
  const visit = (node: Node | undefined): void => {
    if (!node) return;
    if (node.type === 'object') {
      const props = propertiesOf(doc, node);
      // The shared, memoised key map keeps the first of equal keys: fewer entries than properties = duplicates.
      // (A property without a value is left out of both: then scan the children themselves.)
      if (props.length < (node.children?.length ?? 0) || propertyMap(doc, node, []).size < props.length) reportDuplicates(model, node, out);
      for (const p of props) visit(p.valueNode);
    } else if (node.type === 'array' && node.children) {
      for (const c of node.children) visit(c);
    }
  };
  visit(doc.root);
  return out;
}

function reportDuplicates(model: ConfigModel, node: Node, out: RuleFinding[]): void {
  const path = getNodePath(node);
  const seen = new Map<string, Node>();
  for (const prop of node.children ?? []) {
    const key = prop.children?.[0];
    if (!key || typeof key.value !== 'string') continue;
    const lower = key.value.toLowerCase();
    const first = seen.get(lower);
    if (!first) {
      seen.set(lower, key);
      continue;
    }
    const full = [...path, key.value].join(':');
    const line = model.doc.lines.positionAt(first.offset).line + 1;
    out.push({
      ruleId: 'json/duplicate-key',
      severity: 'error',
      message: `'${key.value}' is already defined on line ${line}. .NET configuration keys ignore case, so the app fails at start-up with "A duplicate key '${full}' was found." Keep one of them.`,
      offset: key.offset,
      length: key.length,
      related: [{ file: model.doc.path, range: model.doc.lines.range(first.offset, first.length), message: `first '${String(first.value)}'` }],
    });
  }
}

export const jsonRules: Rule[] = [
  { ids: ['json/syntax'], check: syntax },
  { ids: ['json/duplicate-key'], check: duplicates },
];
