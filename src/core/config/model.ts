// The configuration model: what the rules, hovers, CodeLens and token commands read.
// Every value keeps its jsonc-parser node, so any finding or edit maps back to the exact text.
import type { Node } from 'jsonc-parser';
import type { RelatedLocation } from '../findings';
import type { LineIndex, TextEncodingName } from '../text';

export type JsonPath = (string | number)[];

export interface SyntaxIssue {
  message: string;
  offset: number;
  length: number;
}

/** One appsettings*.json file, decoded and parsed once. */
export interface ConfigDocument {
  path: string;
  /** Decoded text without BOM: offsets and ranges refer to this. */
  text: string;
  encoding: TextEncodingName;
  lines: LineIndex;
  /** Undefined only when the text holds no value at all. */
  root: Node | undefined;
  syntaxErrors: SyntaxIssue[];
  /** `Development` for appsettings.Development.json; undefined for the base file. */
  environment: string | undefined;
}

/** A key/value pair as written: the key exactly as typed (whitespace included). */
export interface PropertyRef {
  doc: ConfigDocument;
  key: string;
  keyNode: Node;
  valueNode: Node;
  path: JsonPath;
}

export type IdentityKind = 'identity-web' | 'b2c' | 'legacy-flat';

export interface IdentitySection {
  doc: ConfigDocument;
  /** Section name as written (`AzureAd`, `AzureAdB2C`, a custom name), or '' for root-level legacy keys. */
  name: string;
  path: JsonPath;
  node: Node;
  kind: IdentityKind;
  /** Properties by lower-cased key (.NET configuration keys are case-insensitive). Keys with stray whitespace are kept under their raw lower-cased form. */
  props: Map<string, PropertyRef>;
  /** B2C instance (`*.b2clogin.com`), `AzureAdB2C` name or a sign-up/sign-in policy. */
  isB2C: boolean;
  /** Has web sign-in keys (CallbackPath, SignedOutCallbackPath, …): a web app signing users in. */
  signsInUsers: boolean;
  /** Has web API keys (Audience(s), its own Scopes, AllowWebApiToBeAuthorizedByACL …). */
  isWebApi: boolean;
}

export type ScopeOrigin = 'DownstreamApis' | 'DownstreamApi' | 'section' | 'identity' | 'legacy';

/** One scope: the string node it lives in, and where inside that string (space-separated form). */
export interface ScopeItem {
  value: string;
  /** Offset/length of this scope in the document text (inside the string literal). */
  offset: number;
  length: number;
  /** The JSON string node that holds it (an array element, or the whole space-separated string). */
  node: Node;
  /** Set when the scope is derived from another value (legacy `ApiUrl` → `{ApiUrl}.default`): fixes must not rewrite the text with it. */
  derivedFrom?: string;
}

export type AppOnlyCertainty = 'certain' | 'inferred' | 'no' | 'unknown';

export interface FlowJudgement {
  /** certain: RequestAppToken or app-token code; inferred: the shape of the file; no: delegated/web API; unknown: cannot tell. */
  appOnly: AppOnlyCertainty;
  /** Quoted in findings: why the tool thinks this list requests an app-only token (or not). */
  reason: string;
  evidence?: RelatedLocation;
}

export interface ScopeList {
  doc: ConfigDocument;
  origin: ScopeOrigin;
  /** Name of the owning section (`MicrosoftGraph` for DownstreamApis:MicrosoftGraph, `AzureAd`, `TodoList`…). */
  sectionName: string;
  sectionPath: JsonPath;
  /** The key holding the scopes (`Scopes`, `TodoListScope`, …) and its value. */
  prop: PropertyRef;
  form: 'array' | 'string' | 'other';
  items: ScopeItem[];
  /** False for a web API's own accepted scopes (identity section `Scopes`): nothing is requested with them. */
  isRequest: boolean;
  flow: FlowJudgement;
  /** BaseUrl of the same section, when present (cloud checks, Call Web API). */
  baseUrl?: PropertyRef;
}

export interface DownstreamApi {
  doc: ConfigDocument;
  name: string;
  path: JsonPath;
  node: Node;
  props: Map<string, PropertyRef>;
  scopes?: ScopeList;
}

export type CredentialContainer = 'ClientCredentials' | 'ClientCertificates' | 'TokenDecryptionCredentials' | 'Certificate' | 'legacy';

/** One credential description, or the legacy top-level ClientSecret. */
export interface CredentialEntry {
  doc: ConfigDocument;
  identity: IdentitySection;
  container: CredentialContainer;
  /** The object node (undefined for a top-level ClientSecret string). */
  node: Node | undefined;
  path: JsonPath;
  props: Map<string, PropertyRef>;
  /** SourceType as written (string or number), if present. */
  sourceType?: PropertyRef;
}

/** App-token calls found in the project's C# code, per configuration section name. */
export interface CodeHints {
  /** Section name (lower-cased) → where code requests an app token for it. */
  appTokenSections: Map<string, RelatedLocation>;
  /** Any app-token call at all (AcquireTokenForClient, GetTokenForAppAsync, WithAppOnly …). */
  anyAppTokenCall?: RelatedLocation;
  /** Any delegated call (GetAccessTokenForUserAsync, GetForUserAsync, EnableTokenAcquisitionToCallDownstreamApi …). */
  anyUserTokenCall?: RelatedLocation;
  /** Web sign-in set up in code (AddMicrosoftIdentityWebApp …): delegated scopes are expected. */
  signsInUsers?: RelatedLocation;
  /** UserSecretsId from the nearest .csproj, when present, and where it is written. */
  userSecretsId?: string;
  userSecretsIdLocation?: RelatedLocation;
  /** The folder the hints were gathered from (nearest .csproj folder or the file's folder). */
  projectDir: string;
}

/** Everything known about one file, judged together with its environment siblings. */
export interface ConfigModel {
  doc: ConfigDocument;
  /** Base file and overlays of the same folder (`appsettings.json`, `appsettings.Development.json` …), this one included. */
  family: ConfigDocument[];
  identities: IdentitySection[];
  /** Identity sections of the other family members (a Development overlay reads AzureAd from the base). */
  familyIdentities: IdentitySection[];
  scopeLists: ScopeList[];
  downstreamApis: DownstreamApi[];
  credentials: CredentialEntry[];
  codeHints: CodeHints;
}
