// A status bar item while the active file has Entra findings; hidden otherwise. Clicking opens Problems.
import * as vscode from 'vscode';
import type { LintController } from './diagnostics';

export class FindingsStatus implements vscode.Disposable {
  readonly #item = vscode.window.createStatusBarItem('entraAppDoctor.status', vscode.StatusBarAlignment.Left, 50);
  readonly #subscriptions: vscode.Disposable[];

  constructor(private readonly lint: LintController) {
    this.#item.name = 'Entra App Doctor';
    this.#item.command = 'workbench.actions.view.problems';
    this.#subscriptions = [
      this.#item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      lint.onDidChangeFindings((uri) => {
        if (uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.update();
      }),
    ];
    this.update();
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const findings = doc ? this.lint.findingsFor(doc.uri) : [];
    if (!findings.length) {
      this.#item.hide();
      return;
    }
    const errors = findings.filter((f) => f.severity === 'error').length;
    const others = findings.length - errors;
    this.#item.text = `$(shield) Entra: ${errors ? `$(error) ${errors}` : ''}${errors && others ? ' ' : ''}${others ? `$(warning) ${others}` : ''}`;
    this.#item.tooltip = `Entra App Doctor: ${findings.length} issue${findings.length === 1 ? '' : 's'} in this file. Click to open the Problems panel.`;
    this.#item.backgroundColor = errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.#item.show();
  }

  dispose(): void {
    this.#subscriptions.forEach((d) => d.dispose());
  }
}
