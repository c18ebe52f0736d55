// Public surface of the token client (used by the extension and the CLI).
export * from './client';
export * from './errors';
export * from './authority';
export * from './certificate';
export * from './assertion';
export * from './secrets';
export * from './user-secrets';
export * from './credential-sources';
export * from './curl';
export * from './from-config';
export * from './redact';
export { explainEntraError, explainNetworkFailure, resourceOfScope, secretShape } from './explain';
export type { CredentialSummary, RequestContext } from './explain';
export { parseEntraError, splitDescription } from './parse-error';
export type { EntraErrorBody } from './parse-error';
export { proxyFromEnv, NetworkFailure } from './http';
export type { NetworkFailureKind } from './http';
export { formEncode } from './form';
