import type { Rule } from '../../rule';
import { defaultNotAlone } from './default-not-alone';
import { empty } from './empty';
import { malformed } from './malformed';
import { missingDefault } from './missing-default';
import { multipleResources } from './multiple-resources';
import { stringNotArray } from './string-not-array';
import { v1TrailingSlash } from './v1-trailing-slash';
import { whitespace } from './whitespace';

/** The scope/* rule family: one module per rule, each checking the model's scope lists. */
export const scopeRules: Rule[] = [missingDefault, v1TrailingSlash, defaultNotAlone, multipleResources, whitespace, malformed, stringNotArray, empty];
