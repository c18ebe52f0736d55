// IDs shared by the activation bundle (dist/extension.js), which registers the commands, and the tools
// bundle (dist/tools.js), which implements them. Constants only: both bundles carry a copy.
import { ACQUIRE_TOKEN_COMMAND, CONSENT_URL_COMMAND } from './codeLens';

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

/** Test-mode seams (registered only under a test runner; testSeams.ts). */
export const TOOL_TEST_COMMANDS = [
  'entraAppDoctor._test.notifications',
  'entraAppDoctor._test.secretReads',
  'entraAppDoctor._test.logDir',
  'entraAppDoctor._test.storeSecret',
  'entraAppDoctor._test.hasStoredSecret',
  'entraAppDoctor._test.inspectorModel',
  'entraAppDoctor._test.inspectorApiResult',
  'entraAppDoctor._test.inspectorHtml',
  'entraAppDoctor._test.inspectorPosted',
  'entraAppDoctor._test.inspectorReceive',
  'entraAppDoctor._test.logLines',
  'entraAppDoctor._test.clearTokenCache',
] as const;

export type ToolCommand = (typeof TOOL_COMMANDS)[number];
export type ToolTestCommand = (typeof TOOL_TEST_COMMANDS)[number];

export const INSPECTOR_VIEW_TYPE = 'entraAppDoctor.tokenInspector';
