// scope/string-not-array: `Scopes` as a string where Microsoft.Identity.Web 2+ reads a list.
// IDownstreamApi's DownstreamApiOptions.Scopes is IEnumerable<string>: .NET configuration binds a
// string to null, no token is acquired, and the call goes out anonymously → HTTP 401.
//
// When it fires (see docs): the old options (DownstreamWebApiOptions of Id.Web 1.x,
// MicrosoftGraphOptions of AddMicrosoftGraph, samples' own option classes) take a space-separated
// string, and templates still write `"DownstreamApi": { "Scopes": "user.read" }`, so a string is
// reported only where the new options certainly read it:
//  - under `DownstreamApis` (the dictionary AddDownstreamApis binds): error when the section is
//    known to request an app token or has RequestAppToken (an option only the new class has),
//    warning otherwise;
//  - in any other section only when it has `RequestAppToken`, or the project's code calls the
//    section through IDownstreamApi (`CallApiForAppAsync("X")`, `GetForAppAsync` …) (error).
import type { ConfigModel, ScopeList } from '../../../config/model';
import type { Severity } from '../../../findings';
import { getProp, stringValue } from '../../../config/json';
import { hasPlaceholder } from '../../../knowledge/placeholders';
import type { Rule, RuleFinding } from '../../rule';
import { flowClause, listLabel } from './util';

const ID = 'scope/string-not-array';

function hasRequestAppToken(model: ConfigModel, list: ScopeList): boolean {
  let node = model.doc.root;
  for (const seg of list.sectionPath) node = node ? getProp(model.doc, node, String(seg))?.valueNode : undefined;
  return !!node && !!getProp(model.doc, node, 'RequestAppToken');
}

function judge(model: ConfigModel, list: ScopeList): { severity: Severity; why: string } | undefined {
  const rat = hasRequestAppToken(model, list);
  if (list.origin === 'DownstreamApis') {
    if (rat) return { severity: 'error', why: `'DownstreamApis' is bound by AddDownstreamApis (IDownstreamApi), and 'RequestAppToken' exists only in its DownstreamApiOptions` };
    return {
      severity: list.flow.appOnly === 'certain' ? 'error' : 'warning',
      why: `'DownstreamApis' is the dictionary AddDownstreamApis binds for IDownstreamApi (Microsoft.Identity.Web 2+)`,
    };
  }
  if (list.origin !== 'DownstreamApi' && list.origin !== 'section') return undefined;
  if (rat) return { severity: 'error', why: `'RequestAppToken' exists only in IDownstreamApi's DownstreamApiOptions (Microsoft.Identity.Web 2+)` };
  // Code hints name a section only for IDownstreamApi calls (CallApiForAppAsync("X"), GetForAppAsync …).
  if (list.flow.appOnly === 'certain' && list.flow.evidence) {
    return { severity: 'error', why: `the project's code reads '${list.sectionName}' through IDownstreamApi (${list.flow.evidence.message})` };
  }
  return undefined;
}

export const stringNotArray: Rule = {
  ids: [ID],
  check(model: ConfigModel): RuleFinding[] {
    const out: RuleFinding[] = [];
    for (const list of model.scopeLists) {
      if (list.form !== 'string' || !list.isRequest) continue;
      const verdict = judge(model, list);
      if (!verdict) continue;
      const value = stringValue(list.prop.valueNode) ?? '';
      // A placeholder with spaces stays one element; a real value is split like the old option did.
      const values = hasPlaceholder(value) ? [value.trim()] : value.split(/\s+/).filter(Boolean);
      const node = list.prop.valueNode;
      const array = `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
      out.push({
        ruleId: ID,
        severity: verdict.severity,
        message:
          `${listLabel(list)} is a string, but ${verdict.why}: its Scopes is a list of strings, so a string binds to null — no token is acquired and the call goes out ` +
          `anonymously (HTTP 401). Write it as an array${values.length > 1 ? ' (one scope per element)' : ''}. ` +
          `(A space-separated string was right for the older DownstreamWebApi / AddMicrosoftGraph options.) ${flowClause(list)}`,
        offset: node.offset,
        length: node.length,
        fixes: [{ title: `Use ${array}`, edits: [{ offset: node.offset, length: node.length, content: array }], isPreferred: true }],
      });
    }
    return out;
  },
};
