// @vscode/test-cli configuration (`npx vscode-test`) for contributors who can download VS Code.
// Run `npm run test:vscode-electron -- --prepare-only` first: it bundles test/host/** into
// out/test/host/*.test.js and copies the fixture workspaces to .e2e/electron/ws/.
// CI does not use this: it runs the same suites in code-server (test/e2e/run.ts).
const common = { version: 'stable', mocha: { ui: 'bdd', timeout: 30000 } };

export default [
  {
    ...common,
    label: 'in-host',
    files: 'out/test/host/main.test.js',
    workspaceFolder: '.e2e/electron/ws/apps',
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  },
  {
    ...common,
    label: 'restricted-mode',
    files: 'out/test/host/restricted.test.js',
    workspaceFolder: '.e2e/electron/ws/restricted',
    // Trust stays on: a fresh profile opens the folder in Restricted Mode.
    launchArgs: ['--disable-extensions'],
  },
];
