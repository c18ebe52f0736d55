// What the lint rows measure, bundled by esbuild as the product is (tsx's transform adds name-keeping
// helpers to every closure, which the shipped bundles do not have).
import { buildModel, emptyHints, parseDocument } from '../src/core/config';
import { runRules } from '../src/core/lint';

/** What the editor does on every keystroke: parse, model, rules. */
export function lintText(text: string): number {
  const doc = parseDocument('/bench/appsettings.json', text);
  return runRules(buildModel(doc, [doc], emptyHints('/bench'))).length;
}
