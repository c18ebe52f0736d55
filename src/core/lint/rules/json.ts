// json/syntax and json/duplicate-key: what stops .NET from loading the file at all.
import type { Node } from 'jsonc-parser';
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
  const visit = (node: Node | undefined, path: string[]): void => {
    if (!node) return;
    if (node.type === 'object') {
      const seen = new Map<string, Node>();
      for (const prop of node.children ?? []) {
        const key = prop.children?.[0];
        if (!key || typeof key.value !== 'string') continue;
        const lower = key.value.toLowerCase();
        const first = seen.get(lower);
        if (first) {
          const full = [...path, key.value].join(':');
          const line = model.doc.lines.positionAt(first.offset).line + 1;
          out.push({
            ruleId: 'json/duplicate-key',
            severity: 'error',
            message: `'${key.value}' is already defined on line ${line}. .NET configuration keys ignore case, so the app fails at start-up with "A duplicate key '${full}' was found." Keep one of them.`,
            offset: key.offset,
            length: key.length,
            related: [
              { file: model.doc.path, range: model.doc.lines.range(first.offset, first.length), message: `first '${String(first.value)}'` },
            ],
          });
        } else {
          seen.set(lower, key);
        }
        visit(prop.children?.[1], [...path, key.value]);
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((c, i) => visit(c, [...path, String(i)]));
    }
  };
  visit(model.doc.root, []);
  return out;
}

export const jsonRules: Rule[] = [
  { ids: ['json/syntax'], check: syntax },
  { ids: ['json/duplicate-key'], check: duplicates },
];
