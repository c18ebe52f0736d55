// Scope lists and the app-only judgement (DESIGN.md "App-only or not").
import type { Node } from 'jsonc-parser';
import { LowerKeySet } from '../knowledge/key-set';
import { booleanValue, getProp, isObject, offsetInString, propertiesOf, propValue, stringValue } from './json';
import type {
  CodeHints,
  ConfigDocument,
  DownstreamApi,
  FlowJudgement,
  IdentitySection,
  JsonPath,
  PropertyRef,
  ScopeItem,
  ScopeList,
  ScopeOrigin,
} from './model';
import { Memo } from '../memo';

/** Keys older daemon samples use for the scope of their app token. */
const LEGACY_KEYS = /^(todolist(service)?scopes?|apiscopes?|calledapiscopes?|graphscopes?|webapiscopes?|scopesforapp|appscopes?)$/i;
const LEGACY_LIKE = /scopes?$/i;
const MAX_DEPTH = 3;

/**
 * Whether LEGACY_KEYS or LEGACY_LIKE could match the trimmed key: both need it to end in s, e or p
 * (`…scope`, `…scopes`, `scopesforapp`; /i also folds 'ſ' to 's'). Trailing whitespace or a non-ASCII
 * last character goes to the regexes.
 */
function mayBeLegacyKey(key: string): boolean {
  const c = key.charCodeAt(key.length - 1);
  if (c >= 0x80 || c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true;
  const l = c | 0x20;
  return l === 0x73 || l === 0x65 || l === 0x70;
}

/** `Scopes` itself (the key of every DownstreamApis entry's list) is no legacy key: both patterns reject it. */
const PLAIN_SCOPES = new LowerKeySet(['scopes']);

/** The item of an array element that is a string, inside its quotes. */
function elementItem(el: Node): ScopeItem | undefined {
  return el.type === 'string' && typeof el.value === 'string' ? { value: el.value, offset: el.offset + 1, length: Math.max(0, el.length - 2), node: el } : undefined;
}

export function scopeItems(doc: ConfigDocument, value: Node): { form: ScopeList['form']; items: ScopeItem[] } {
  if (value.type === 'array') {
    const children = value.children ?? [];
    // Usually one scope: an array of exactly one (one grown by push keeps room for 16 or more, and
    // the list lives as long as the model).
    const only = children.length === 1 ? elementItem(children[0]!) : undefined;
    if (only) return { form: 'array', items: [only] };
    const items: ScopeItem[] = [];
    for (const el of children) {
      const item = elementItem(el);
      if (item) items.push(item);
    }
    return { form: 'array', items };
  }
  if (value.type === 'string' && typeof value.value === 'string') {
    const items: ScopeItem[] = [];
    for (const m of value.value.matchAll(/\S+/g)) {
      const start = offsetInString(doc, value, m.index!);
      const end = offsetInString(doc, value, m.index! + m[0].length);
      items.push({ value: m[0], offset: start, length: end - start, node: value });
    }
    return { form: 'string', items };
  }
  return { form: 'other', items: [] };
}

export interface FlowContext {
  doc: ConfigDocument;
  family: ConfigDocument[];
  identities: IdentitySection[];
  codeHints: CodeHints;
}

/** This file, then the base file(s) of its family: worked out once per context, not per lookup. */
const orders = new Memo<FlowContext, ConfigDocument[]>();
function lookupOrder(ctx: FlowContext): ConfigDocument[] {
  let docs = orders.get(ctx);
  if (!docs) {
    docs = [ctx.doc, ...ctx.family.filter((d) => d !== ctx.doc && d.environment === undefined)];
    orders.set(ctx, docs);
  }
  return docs;
}

/** A section's path, or what works it out when asked (a DownstreamApis entry: most lists never need it). */
type PathSource = JsonPath | { readonly path: JsonPath };

/**
 * Looks a key up in the same section of this file, then of the base file (an overlay inherits the base's value).
 * `own`, when given, is the node that walking `sectionPath` in this file reaches (the walk is skipped there).
 */
function inherited(ctx: FlowContext, sectionPath: PathSource, key: string, own?: Node): PropertyRef | undefined {
  for (const doc of lookupOrder(ctx)) {
    let node = doc.root;
    if (own !== undefined && doc === ctx.doc) node = own;
    else {
      for (const seg of Array.isArray(sectionPath) ? sectionPath : sectionPath.path) {
        if (!isObject(node)) {
          node = undefined;
          break;
        }
        node = propValue(doc, node, String(seg));
      }
    }
    const prop = isObject(node) ? getProp(doc, node, key) : undefined;
    if (prop) return prop;
  }
  return undefined;
}

/** Last segment of a path ('/' or '\\'), without splitting the whole path (asked once per scope list). */
let lastPath: string | undefined;
let lastName = '';
function fileName(path: string): string {
  // Asked for the same document once per scope list: the last answer is kept.
  if (path !== lastPath) {
    lastName = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    lastPath = path;
  }
  return lastName;
}

/**
 * The usual judgement of a daemon's list: its reason (with the file and line of RequestAppToken) is
 * only written when a finding quotes it — a large file has thousands of lists and few findings.
 */
class RequestAppTokenFlow implements FlowJudgement {
  private text: string | undefined;

  // The document and offset of the RequestAppToken key rather than its PropertyRef, which would be kept
  // for every list of a large file.
  constructor(
    private readonly sectionName: string,
    private readonly doc: ConfigDocument,
    private readonly keyOffset: number,
  ) {}

  /** Always certain (a getter: one field fewer per list). */
  get appOnly(): 'certain' {
    return 'certain';
  }

  get reason(): string {
    return (this.text ??= `'RequestAppToken' is true in '${this.sectionName}' (${fileName(this.doc.path)}:${this.doc.lines.lineAt(this.keyOffset) + 1})`);
  }
}

export function judgeFlow(
  ctx: FlowContext,
  origin: ScopeOrigin,
  sectionName: string,
  sectionPath: PathSource,
  keyLabel = sectionName,
  sectionNode?: Node,
): FlowJudgement {
  if (origin === 'identity') {
    return { appOnly: 'no', reason: `'${sectionName}:Scopes' lists the scopes this web API accepts; nothing is requested with them` };
  }
  const requestAppToken = inherited(ctx, sectionPath, 'RequestAppToken', sectionNode);
  const rat = booleanValue(requestAppToken?.valueNode);
  if (rat === true) return new RequestAppTokenFlow(sectionName, requestAppToken!.doc, requestAppToken!.keyNode.offset);
  const code = ctx.codeHints.appTokenSections.get(sectionName.toLowerCase());
  if (code) {
    return { appOnly: 'certain', reason: `${code.message} (${fileName(code.file)}:${code.range.start.line + 1})`, evidence: code };
  }
  const acquire = inherited(ctx, sectionPath, 'AcquireTokenOptions', sectionNode);
  if (acquire && isObject(acquire.valueNode) && getProp(acquire.doc, acquire.valueNode, 'ManagedIdentity')) {
    return { appOnly: 'certain', reason: `'${sectionName}:AcquireTokenOptions:ManagedIdentity' is set, and managed-identity tokens are always app-only` };
  }
  if (rat === false) {
    return { appOnly: 'no', reason: `'RequestAppToken' is false in '${sectionName}', so the token is requested for the signed-in user` };
  }
  const signIn = ctx.identities.find((i) => i.signsInUsers);
  if (signIn) {
    return { appOnly: 'no', reason: `'${signIn.name || 'the configuration'}' signs users in, so delegated scopes are expected` };
  }
  const webApi = ctx.identities.find((i) => i.isWebApi);
  if (webApi) {
    return { appOnly: 'no', reason: `'${webApi.name}' configures a web API, whose downstream calls are on behalf of the caller unless 'RequestAppToken' is true` };
  }
  if (ctx.codeHints.signsInUsers || ctx.codeHints.anyUserTokenCall) {
    const hint = (ctx.codeHints.signsInUsers ?? ctx.codeHints.anyUserTokenCall)!;
    return { appOnly: 'no', reason: `the project's code uses user tokens (${hint.message})` };
  }
  if (origin === 'legacy') {
    return { appOnly: 'inferred', reason: `'${keyLabel}' is a daemon-style key in a configuration that signs no user in` };
  }
  if (ctx.codeHints.anyAppTokenCall) {
    const hint = ctx.codeHints.anyAppTokenCall;
    return {
      appOnly: 'inferred',
      reason: `the project's code requests app-only tokens (${hint.message}, ${fileName(hint.file)}:${hint.range.start.line + 1}) and nothing signs users in`,
      evidence: hint,
    };
  }
  return { appOnly: 'unknown', reason: 'nothing says whether this list is used for an app-only or a delegated token' };
}

function originOf(api: DownstreamApi): ScopeOrigin {
  // The model's own sections know whether they are DownstreamApis entries without building their path.
  const known = (api as { inDownstreamApis?: boolean }).inDownstreamApis;
  if (known === true) return 'DownstreamApis';
  if (known === undefined && api.path.some((s) => typeof s === 'string' && s.trim().toLowerCase() === 'downstreamapis')) return 'DownstreamApis';
  if (api.name.trim().toLowerCase() === 'downstreamapi') return 'DownstreamApi';
  return 'section';
}

/**
 * The list of a downstream API section: its name, path and document are the section's, read from it when
 * asked (a large file has thousands of lists; the path was an array per list kept as long as the model).
 * Its BaseUrl is looked up when asked too: only a few rules' fixes read it.
 */
class SectionScopeList implements ScopeList {
  /** Undefined until looked up; null for none. */
  private base: PropertyRef | null | undefined;

  constructor(
    readonly origin: ScopeOrigin,
    private readonly api: DownstreamApi,
    readonly prop: PropertyRef,
    readonly form: ScopeList['form'],
    readonly items: ScopeItem[],
    readonly flow: FlowJudgement,
  ) {}

  get baseUrl(): PropertyRef | undefined {
    this.base ??= getProp(this.api.doc, this.api.node, 'baseurl') ?? null;
    return this.base ?? undefined;
  }

  get doc(): ConfigDocument {
    return this.api.doc;
  }
  get sectionName(): string {
    return this.api.name;
  }
  get sectionPath(): JsonPath {
    return this.api.path;
  }
  get isRequest(): boolean {
    return true;
  }
}

export function findScopeLists(ctx: FlowContext, apis: DownstreamApi[], ownIdentities: IdentitySection[]): ScopeList[] {
  const { doc } = ctx;
  const lists: ScopeList[] = [];
  // Values already read as a list, so the legacy search below does not read them again. Only objects
  // are kept: a `Scopes` string or array is under a key no legacy pattern accepts, a legacy list's own
  // value is visited once, and ApiUrl is no legacy key — the set stays empty on a large file.
  const covered = new Set<Node>();
  // A list's form and items; an object value is marked as read (see `covered`).
  const read = (prop: PropertyRef): ReturnType<typeof scopeItems> => {
    if (prop.valueNode.type === 'object') covered.add(prop.valueNode);
    return scopeItems(doc, prop.valueNode);
  };
  const make = (origin: ScopeOrigin, sectionName: string, sectionPath: JsonPath, prop: PropertyRef): ScopeList => {
    const { form, items } = read(prop);
    return {
      doc,
      origin,
      sectionName,
      sectionPath,
      prop,
      form,
      items,
      isRequest: origin !== 'identity',
      flow: judgeFlow(ctx, origin, sectionName, sectionPath, origin === 'legacy' ? prop.path.join(':') : sectionName),
      baseUrl: undefined,
    };
  };

  for (const api of apis) {
    const prop = getProp(doc, api.node, 'scopes');
    if (!prop) continue;
    // A DownstreamApis entry that walking its path in this file would reach (no repeated key on the way)
    // is looked up in place.
    const direct = (api as { reachedByPath?: () => boolean }).reachedByPath?.() ? api.node : undefined;
    const origin = originOf(api);
    const { form, items } = read(prop);
    api.scopes = new SectionScopeList(origin, api, prop, form, items, judgeFlow(ctx, origin, api.name, api, api.name, direct));
    lists.push(api.scopes);
  }
  for (const identity of ownIdentities) {
    const prop = identity.props.get('scopes');
    if (prop && identity.kind !== 'legacy-flat') lists.push(make('identity', identity.name, identity.path, prop));
  }

  // Legacy daemon keys (TodoListScope …) anywhere in the file. The key's last character is tested
  // first (every legacy key ends in -scope(s) or -app), then the regexes; the section's PropertyRef
  // and path are worked out only for a list that is found.
  const visit = (node: Node, sectionParent: Node | undefined, depth: number): void => {
    const children = node.children;
    if (!children) return;
    for (const c of children) {
      const k = c.children?.[0];
      const v = c.children?.[1];
      if (!k || !v || typeof k.value !== 'string') continue;
      if (v.type === 'object') {
        if (depth < MAX_DEPTH && !covered.has(v)) visit(v, node, depth + 1);
        continue;
      }
      // `Scopes` (or its lower-cased twin) is decided here without trimming, lower-casing or two regexes.
      if (!mayBeLegacyKey(k.value) || PLAIN_SCOPES.has(k.value) || covered.has(v)) continue;
      const key = k.value.trim();
      const legacy = LEGACY_KEYS.test(key);
      if (!legacy && !(LEGACY_LIKE.test(key) && key.toLowerCase() !== 'scopes')) continue;
      const text = stringValue(v) ?? (v.type === 'array' ? (v.children ?? []).map((e) => stringValue(e) ?? '').join(' ') : '');
      if (!legacy && !/:\/\/|\/\.default/i.test(text)) continue;
      const p = propertiesOf(doc, node).find((r) => r.keyNode === k)!;
      const section = sectionParent ? propertiesOf(doc, sectionParent).find((r) => r.valueNode === node) : undefined;
      lists.push(make('legacy', section?.key ?? '', section?.path ?? [], p));
    }
  };
  if (isObject(doc.root)) visit(doc.root, undefined, 1);

  // Legacy flat daemon: the code builds `{ApiUrl}.default`.
  for (const identity of ownIdentities.filter((i) => i.kind === 'legacy-flat')) {
    const apiUrl = identity.props.get('apiurl');
    const url = stringValue(apiUrl?.valueNode);
    if (!apiUrl || url === undefined || covered.has(apiUrl.valueNode)) continue;
    const node = apiUrl.valueNode;
    lists.push({
      doc,
      origin: 'legacy',
      sectionName: '',
      sectionPath: [],
      prop: apiUrl,
      form: 'string',
      items: [{ value: `${url}.default`, offset: node.offset + 1, length: Math.max(0, node.length - 2), node, derivedFrom: url }],
      isRequest: true,
      flow: judgeFlow(ctx, 'legacy', '', [], apiUrl.key),
    });
  }
  return lists;
}
