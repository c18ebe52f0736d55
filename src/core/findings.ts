// The contract every surface relies on (DESIGN.md "Findings"): the extension maps these to
// diagnostics and code actions, the CLI prints them as text, JSON or SARIF.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** 0-based, like VS Code and LSP; `character` counts UTF-16 code units. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
}

/** Another place the finding depends on (e.g. the Instance that makes a Graph host the wrong cloud). */
export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  file: string;
  fixes?: Fix[];
  docs?: string;
  related?: RelatedLocation[];
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
