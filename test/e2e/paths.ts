// Where the VS Code end-to-end harness keeps what it installs and produces.
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Gitignored; code-server lives here, outside the project's node_modules. */
export const E2E_DIR = process.env.ENTRA_E2E_DIR ?? path.join(ROOT, '.e2e');
/** Newest code-server whose `engines` allow Node 20 (4.103+ need Node 22); it ships VS Code 1.100.3. */
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_PREFIX = path.join(E2E_DIR, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_PREFIX, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** Screenshots, logs and result files (gitignored, kept by CI as artefacts). */
export const ARTIFACTS = process.env.ENTRA_E2E_ARTIFACTS ?? path.join(ROOT, 'test-results', 'vscode');
export const FIXTURE_WORKSPACES = path.join(ROOT, 'test', 'fixtures', 'workspaces');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
