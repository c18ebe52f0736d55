// A rule = { id, docs, check(model) → findings }. One file per rule family under src/core/lint/rules.
import type { Finding, Fix, RelatedLocation, Severity } from '../findings';
import type { ConfigModel } from '../config/model';

/** What a rule reports; `file` and `docs` are filled in by the runner. */
export interface RuleFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Offsets into model.doc.text; the runner converts them to ranges. */
  offset: number;
  length: number;
  fixes?: RuleFix[];
  related?: RelatedLocation[];
}

/** A fix as offset edits against model.doc.text (build them with jsonc-parser `modify` where the JSON structure changes). */
export interface RuleFix {
  title: string;
  edits: { offset: number; length: number; content: string }[];
  isPreferred?: boolean;
}

export interface Rule {
  /** Family prefix handled by this module, e.g. 'scope/'. Individual ids are in `ids`. */
  ids: readonly string[];
  check(model: ConfigModel): RuleFinding[];
}

export type { Finding, Fix };
