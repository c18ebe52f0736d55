import type { Rule } from '../../rule';

/** The config/* rule family (filled in by its module files). */
export const configRules: Rule[] = [];
