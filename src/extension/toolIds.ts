// IDs shared by the activation bundle (dist/extension.js), which registers the commands, and the tools
// bundle (dist/tools.js), which implements them. Constants only: both bundles carry a copy.
export const ACQUIRE_TOKEN_COMMAND = 'entraAppDoctor.acquireAppToken';
export const CONSENT_URL_COMMAND = 'entraAppDoctor.adminConsentUrl';
export const MOVE_SECRET_COMMAND = 'entraAppDoctor.moveSecretToUserSecrets';

/** Commands whose handlers live in dist/tools.js (loaded on the first of them). */
export const TOOL_COMMANDS = [
  ACQUIRE_TOKEN_COMMAND,
  CONSENT_URL_COMMAND,
  MOVE_SECRET_COMMAND,
  'entraAppDoctor.copyTokenRequestAsCurl',
  'entraAppDoctor.decodeJwt',
  'entraAppDoctor.generateAdminConsentUrl',
  'entraAppDoctor.callWebApi',
  'entraAppDoctor.forgetStoredSecret',
] as const;

/** Test-mode seams (registered only under a test runner; testSeams.ts), named entraAppDoctor._test.<seam>. */
const TEST_SEAMS = [
  'notifications',
  'secretReads',
  'logDir',
  'storeSecret',
  'hasStoredSecret',
  'inspectorModel',
  'inspectorApiResult',
  'inspectorHtml',
  'inspectorPosted',
  'inspectorReceive',
  'logLines',
  'clearTokenCache',
] as const;
export type ToolTestCommand = `entraAppDoctor._test.${(typeof TEST_SEAMS)[number]}`;
export const TOOL_TEST_COMMANDS: readonly ToolTestCommand[] = TEST_SEAMS.map((seam) => `entraAppDoctor._test.${seam}` as const);

export type ToolCommand = (typeof TOOL_COMMANDS)[number];

export const INSPECTOR_VIEW_TYPE = 'entraAppDoctor.tokenInspector';
