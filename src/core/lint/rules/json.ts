// json/syntax and json/duplicate-key: what stops .NET from loading the file at all.
import { getNodePath, type Node } from 'jsonc-parser';
import type { ConfigModel } from '../../config/model';
import { docIndex } from '../doc-index';
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
  // The document index found the objects with a repeated key (or a property without key or value), in pre-order.
  for (const node of docIndex(model.doc).duplicateObjects) reportDuplicates(model, node, out);
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
