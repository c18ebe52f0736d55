// scope/default-not-alone: `/.default` (all statically granted permissions) cannot be combined
// with other scopes in one request: AADSTS70011 ".default scope can't be combined with
// resource-specific scopes". OpenID scopes next to `.default` are fine in delegated flows (MSAL
// adds them itself); in app-only lists scope/malformed reports them.
import type { ConfigModel } from '../../../config/model';
import type { Rule, RuleFinding } from '../../rule';
import { isNamedPermission } from './missing-default';
import { anyFlowSeverity, dedupe, flowClause, listLabel, liveScopesAt, setListEdits } from './util';

const ID = 'scope/default-not-alone';

export const defaultNotAlone: Rule = {
  ids: [ID],
  check(model: ConfigModel): RuleFinding[] {
    const out: RuleFinding[] = [];
    for (let li = 0; li < model.scopeLists.length; li++) {
      const list = model.scopeLists[li]!;
      if (!list.isRequest) continue;
      const live = liveScopesAt(model, li);
      // Most lists hold one scope: nothing to combine, no arrays built.
      if (live.length < 2) continue;
      const defaults = live.filter((s) => s.parsed.isDefault && s.parsed.resource);
      if (!defaults.length) continue;
      const others = live.filter((s) => s.parsed.value && !s.parsed.isDefault && !s.parsed.isOidc && isNamedPermission(s));
      if (!others.length) continue;
      const keep = dedupe(defaults.map((s) => s.item.value));
      const complete = live.length === list.items.length;
      const edits = complete ? setListEdits(list, [...keep, ...live.filter((s) => s.parsed.isOidc && list.flow.appOnly !== 'certain' && list.flow.appOnly !== 'inferred').map((s) => s.item.value)]) : undefined;
      for (const s of others) {
        out.push({
          ruleId: ID,
          severity: anyFlowSeverity(list),
          message:
            `"${s.parsed.value}" is requested together with "${defaults[0]!.parsed.value}" in ${listLabel(list)}: '.default' already means every permission granted to the app ` +
            `and cannot be combined with other scopes — Entra answers AADSTS70011 (".default scope can't be combined with resource-specific scopes"). ` +
            `Keep the '.default' scope and grant the permission in the app registration instead. ${flowClause(list)}`,
          offset: s.item.offset,
          length: s.item.length,
          ...(edits ? { fixes: [{ title: `Keep only ${keep.map((v) => `"${v}"`).join(', ')}`, edits, isPreferred: true }] } : {}),
        });
      }
    }
    return out;
  },
};
