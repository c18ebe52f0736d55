import type { Rule } from '../../rule';
import { b2cCertificateRule } from './b2c-certificate';
import { booleanStringRule } from './boolean-string';
import { cloudMismatchRule } from './cloud-mismatch';
import { credentialsShapeRule } from './credentials-shape';
import { invalidGuidRule } from './ids';
import { instanceRule } from './instance';
import { keyWhitespaceRule, unknownKeyRule } from './keys';
import { placeholderRule } from './placeholder';
import { secretInSourceRule, secretLooksLikeIdRule } from './secrets';
import { tenantNotSpecificRule } from './tenant';

/** The config/* rule family. */
export const configRules: Rule[] = [
  keyWhitespaceRule,
  unknownKeyRule,
  placeholderRule,
  invalidGuidRule,
  tenantNotSpecificRule,
  secretInSourceRule,
  secretLooksLikeIdRule,
  credentialsShapeRule,
  instanceRule,
  cloudMismatchRule,
  booleanStringRule,
  b2cCertificateRule,
];
