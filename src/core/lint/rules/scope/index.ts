import type { Rule } from '../../rule';

/** The scope/* rule family (filled in by its module files). */
export const scopeRules: Rule[] = [];
