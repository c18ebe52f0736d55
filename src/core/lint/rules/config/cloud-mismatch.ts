// config/cloud-mismatch: an API or scope of one cloud with an authority of another
// (e.g. login.microsoftonline.us with graph.microsoft.com). Tokens are not interchangeable
// across clouds (entra-facts.md §5.2): the resource is unknown to the tenant (AADSTS500011) or
// the API rejects the token (401).
import type { Node } from 'jsonc-parser';
import type { ConfigModel, DownstreamApi, IdentitySection, PropertyRef } from '../../../config/model';
import { offsetInString, propValue, stringValue } from '../../../config/json';
import { cloudForAuthorityHost, cloudForResourceHost, mayBeOtherCloud, type Cloud } from '../../../knowledge/clouds';
import { hasPlaceholder } from '../../../knowledge/placeholders';
import type { Rule, RuleFinding, RuleFix } from '../../rule';
import { label, related } from './util';

interface Authority {
  identity: IdentitySection;
  cloud: Cloud;
  prop: PropertyRef;
}

function authorityOf(identity: IdentitySection): Authority | undefined {
  for (const key of ['instance', 'authority']) {
    const prop = identity.props.get(key);
    const v = stringValue(prop?.valueNode);
    if (!prop || !v || hasPlaceholder(v)) continue;
    const cloud = cloudForAuthorityHost(v);
    if (cloud) return { identity, cloud, prop };
  }
  return undefined;
}

/**
 * What /^\s*https?:\/\/([^/:?#\s]+)/i finds, as offsets: a sticky test (no match array) leaves
 * URL_HEAD.lastIndex at the host's start, and HOST.lastIndex at its end — this runs for every scope and
 * BaseUrl of a file.
 */
const URL_HEAD = /\s*https?:\/\/(?=[^/:?#\s])/iy;
const HOST = /[^/:?#\s]*/y;
function hostStart(value: string): number {
  URL_HEAD.lastIndex = 0;
  return URL_HEAD.test(value) ? URL_HEAD.lastIndex : -1;
}

function hostEnd(value: string, start: number): number {
  HOST.lastIndex = start;
  HOST.test(value);
  return HOST.lastIndex;
}

/** Microsoft Graph has one host per cloud, so its host can be swapped for the authority's cloud. */
function graphFix(offsetOfHost: number, host: string, from: Cloud, to: Cloud): RuleFix[] | undefined {
  const target = to.graphHosts[0];
  if (!target || !from.graphHosts.includes(host.toLowerCase())) return undefined;
  return [{ title: `Use ${target} (Microsoft Graph in ${to.displayName})`, edits: [{ offset: offsetOfHost, length: host.length, content: target }], isPreferred: false }];
}

export const cloudMismatchRule: Rule = {
  ids: ['config/cloud-mismatch'],
  check(model: ConfigModel) {
    const out: RuleFinding[] = [];
    const all = [...model.identities, ...model.familyIdentities].map(authorityOf).filter((a): a is Authority => !!a);
    const clouds = new Set(all.map((a) => a.cloud.id));
    const byName = (name: string) => all.find((a) => a.identity.name.toLowerCase() === name.toLowerCase());
    // With several identities in different clouds (cross-cloud federation) only an explicit AuthenticationOptionsName decides.
    const defaultAuthority = clouds.size === 1 ? (all.find((a) => a.identity.doc === model.doc) ?? all[0]) : undefined;
    // The one cloud every authority is in, if so: only another cloud's host can mismatch.
    const only = defaultAuthority?.cloud.id;

    // Nobody signs in to a known cloud: nothing can mismatch.
    if (all.length === 0) return out;

    const authorityFor = (section: Node | undefined): Authority | undefined => {
      const ato = section ? propValue(model.doc, section, 'acquiretokenoptions') : undefined;
      const name = stringValue(ato ? propValue(model.doc, ato, 'authenticationoptionsname') : undefined);
      return name ? byName(name) : defaultAuthority;
    };
    // The last section's authority: a list's items share one, and it is looked up only for a host of a known cloud.
    let lastSection: Node | undefined | null = null;
    let lastAuthority: Authority | undefined;
    const authorityAt = (section: Node | undefined): Authority | undefined => {
      if (section !== lastSection) {
        lastAuthority = authorityFor(section);
        lastSection = section;
      }
      return lastAuthority;
    };

    // `what` names the value in the message: 0 = the BaseUrl of `subject` (a section), 1 = the key `subject`,
    // 2 = the scope `subject` — built only for a value that is reported (no closure per value).
    const report = (section: Node | undefined, node: Node, value: string, itemOffset: number | undefined, what: 0 | 1 | 2, subject: string | DownstreamApi): void => {
      const index = hostStart(value);
      if (index < 0) return;
      // Most hosts are ruled out in place: no end found by the regex, no slice, no classification.
      if (only !== undefined && !mayBeOtherCloud(value, index, only)) return;
      const host = value.slice(index, hostEnd(value, index));
      const cloud = cloudForResourceHost(host);
      // The section's authority is looked up only for a host of a known cloud (most hosts are an app's own
      // API), and not at all when every authority is in the host's cloud (the usual single-cloud file).
      if (!cloud || (clouds.size === 1 && clouds.has(cloud.id))) return;
      const authority = authorityAt(section);
      if (!authority || cloud.id === authority.cloud.id) return;
      const hostOffset = itemOffset !== undefined ? itemOffset + index : offsetInString(model.doc, node, index);
      const authHost = stringValue(authority.prop.valueNode)!.trim();
      const subjectText = what === 0 ? `The BaseUrl of ${label((subject as DownstreamApi).path)}` : what === 1 ? `'${subject as string}'` : `The scope '${subject as string}'`;
      out.push({
        ruleId: 'config/cloud-mismatch',
        severity: 'error',
        message:
          `${subjectText} uses '${host}', which belongs to ${cloud.displayName}, but '${label(authority.prop.path)}' (${authHost}) signs in to ${authority.cloud.displayName}. ` +
          `Tokens are not valid across clouds: Entra answers AADSTS500011 (resource not found in the tenant) or the API rejects the token with 401. ` +
          `Use the ${authority.cloud.displayName} endpoint of this API, or the authority of the cloud your tenant lives in.`,
        offset: hostOffset,
        length: host.length,
        related: [related(authority.prop.doc, authority.prop.valueNode.offset, authority.prop.valueNode.length, `the authority is in ${authority.cloud.displayName}`)],
        fixes: graphFix(hostOffset, host, cloud, authority.cloud),
      });
    };

    const done = new Set<Node>();
    for (const api of model.downstreamApis) {
      const base = propValue(model.doc, api.node, 'baseurl');
      const v = stringValue(base);
      // Each section has its own BaseUrl node, and none is an ApiUrl (the only values reported twice otherwise): no `done` entry needed.
      if (base && v) report(api.node, base, v, undefined, 0, api);
    }
    for (const list of model.scopeLists) {
      if (!list.isRequest) continue;
      const section = list.prop.keyNode.parent?.parent;
      for (const item of list.items) {
        // ApiUrl-derived items (`{ApiUrl}.default`) point at the ApiUrl text itself; one that a list without an authority skips stays for the next.
        if (item.derivedFrom !== undefined) {
          if (done.has(item.node) || !authorityAt(section)) continue;
          done.add(item.node);
          report(section, item.node, stringValue(item.node) ?? '', undefined, 1, list.prop.key);
          continue;
        }
        report(section, item.node, item.value, item.offset, 2, item.value);
      }
    }
    return out;
  },
};
