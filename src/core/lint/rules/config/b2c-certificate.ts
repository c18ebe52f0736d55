// config/b2c-certificate: Azure AD B2C authenticates confidential clients with client secrets
// only. A certificate or federated (signed-assertion) credential fails with AADB2C99027
// ("Policy … does not contain a AuthorizationTechnicalProfile with a corresponding ClientAssertionType")
// — MicrosoftDocs/azure-docs PR #114906 (B2C client-credentials doc), MicrosoftDocs/azure-docs#94274.
// Entra External ID (ciamlogin.com) supports certificates, so it is not flagged.
import { stringValue } from '../../../config/json';
import { classifyAuthorityHost } from '../../../knowledge/clouds';
import { credentialSource } from '../../../knowledge/credential-sources';
import type { Rule, RuleFinding } from '../../rule';
import { label } from './util';

export const b2cCertificateRule: Rule = {
  ids: ['config/b2c-certificate'],
  check(model) {
    const out: RuleFinding[] = [];
    for (const cred of model.credentials) {
      const identity = cred.identity;
      if (!identity.isB2C || cred.container === 'TokenDecryptionCredentials' || !cred.sourceType) continue;
      const host = stringValue(identity.props.get('instance')?.valueNode) ?? stringValue(identity.props.get('authority')?.valueNode) ?? '';
      if (classifyAuthorityHost(host)?.kind === 'ciam') continue;
      const st = cred.sourceType.valueNode;
      const raw = st.type === 'number' ? (st.value as number) : stringValue(st);
      const source = raw === undefined ? undefined : credentialSource(raw);
      if (!source || (source.kind !== 'certificate' && source.kind !== 'signed-assertion')) continue;
      const what = source.kind === 'certificate' ? 'a certificate' : 'a signed assertion (federated credential)';
      out.push({
        ruleId: 'config/b2c-certificate',
        severity: 'warning',
        message:
          `'${label(cred.path)}' describes ${what} (${source.name}) for the Azure AD B2C app '${identity.name || 'the configuration'}', ` +
          `but B2C accepts only client secrets for client authentication: the token request fails with AADB2C99027 (no AuthorizationTechnicalProfile with a corresponding ClientAssertionType). ` +
          `Use a client secret for B2C, or move to Microsoft Entra External ID, which supports certificates.`,
        offset: st.offset,
        length: st.length,
      });
    }
    return out;
  },
};
