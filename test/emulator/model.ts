// The emulator's directory: tenants, app registrations + service principals, credentials,
// app roles and assignments. Built in code with FixtureBuilder so each test states exactly
// the Entra setup it talks to.
import { KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { TestCertificate } from './certs';

export interface EmuSecret {
  /** The secret ID shown in the portal next to the value ("Secret ID"). */
  keyId: string;
  value: string;
  endDateTime: Date;
}

export interface EmuCertificate {
  certPem: string;
  publicKey: KeyObject;
  sha1Hex: string;
  sha256Hex: string;
  x5t: string;
  x5tS256: string;
}

export interface EmuFederatedCredential {
  issuer: string;
  subject: string;
  audiences: string[];
  /** Public key of the external issuer, used to verify the presented token. */
  issuerKey: KeyObject;
}

export interface EmuAppRole {
  id: string;
  value: string;
  allowedMemberTypes: ('Application' | 'User')[];
}

export interface EmuApp {
  appId: string;
  objectId: string;
  displayName: string;
  /** Object ID of the service principal in the tenant (oid/sub of app tokens). */
  servicePrincipalId: string;
  /** False = registration exists elsewhere but no enterprise app here (→ 700016). */
  hasServicePrincipal: boolean;
  /** Service principal accountEnabled. */
  enabled: boolean;
  publicClient: boolean;
  secrets: EmuSecret[];
  certificates: EmuCertificate[];
  federatedCredentials: EmuFederatedCredential[];
  identifierUris: string[];
  /** null behaves as 1 (v1 tokens). */
  accessTokenAcceptedVersion: 1 | 2 | null;
  appRoles: EmuAppRole[];
  appRoleAssignmentRequired: boolean;
}

export interface EmuAssignment {
  clientAppId: string;
  resourceAppId: string;
  roleValue: string;
}

export interface EmuTenant {
  id: string;
  domains: string[];
  displayName: string;
  apps: EmuApp[];
  assignments: EmuAssignment[];
}

export interface EmuFixture {
  tenants: EmuTenant[];
}

export interface AppOptions {
  displayName?: string;
  appId?: string;
  identifierUris?: string[];
  tokenVersion?: 1 | 2 | null;
  roles?: string[];
  publicClient?: boolean;
  disabled?: boolean;
  servicePrincipal?: boolean;
  assignmentRequired?: boolean;
}

/** A secret value shaped like Entra's: 40 characters with "8Q~" after the first three. */
export function entraLikeSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~-';
  const bytes = randomBytes(37);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return s.slice(0, 3) + '8Q~' + s.slice(3, 37);
}

export class TenantBuilder {
  constructor(readonly tenant: EmuTenant) {}

  get id(): string {
    return this.tenant.id;
  }

  get domain(): string {
    return this.tenant.domains[0] ?? this.tenant.id;
  }

  app(opts: AppOptions = {}): EmuApp {
    const appId = opts.appId ?? randomUUID();
    const app: EmuApp = {
      appId,
      objectId: randomUUID(),
      displayName: opts.displayName ?? 'App ' + appId.slice(0, 8),
      servicePrincipalId: randomUUID(),
      hasServicePrincipal: opts.servicePrincipal ?? true,
      enabled: !opts.disabled,
      publicClient: opts.publicClient ?? false,
      secrets: [],
      certificates: [],
      federatedCredentials: [],
      identifierUris: opts.identifierUris ?? [],
      accessTokenAcceptedVersion: opts.tokenVersion === undefined ? null : opts.tokenVersion,
      appRoles: (opts.roles ?? []).map((value) => ({ id: randomUUID(), value, allowedMemberTypes: ['Application'] })),
      appRoleAssignmentRequired: opts.assignmentRequired ?? false,
    };
    this.tenant.apps.push(app);
    return app;
  }

  /** Adds a client secret; `expired` puts its end date in the past. Returns it (value and key ID). */
  secret(app: EmuApp, opts: { value?: string; expired?: boolean; keyId?: string } = {}): EmuSecret {
    const s: EmuSecret = {
      keyId: opts.keyId ?? randomUUID(),
      value: opts.value ?? entraLikeSecret(),
      endDateTime: new Date(Date.now() + (opts.expired ? -86_400_000 : 365 * 86_400_000)),
    };
    app.secrets.push(s);
    return s;
  }

  certificate(app: EmuApp, cert: TestCertificate): EmuCertificate {
    const c: EmuCertificate = {
      certPem: cert.certPem,
      publicKey: cert.publicKey,
      sha1Hex: cert.sha1Hex,
      sha256Hex: cert.sha256Hex,
      x5t: cert.x5t,
      x5tS256: cert.x5tS256,
    };
    app.certificates.push(c);
    return c;
  }

  federated(app: EmuApp, cred: Omit<EmuFederatedCredential, 'audiences'> & { audiences?: string[] }): void {
    app.federatedCredentials.push({ audiences: ['api://AzureADTokenExchange'], ...cred });
  }

  /** Grants application permissions (= app-role assignments, i.e. admin consent given). */
  grant(client: EmuApp, resource: EmuApp, roleValues: string[]): void {
    for (const roleValue of roleValues) {
      if (!resource.appRoles.some((r) => r.value === roleValue)) {
        throw new Error(`fixture: ${resource.displayName} has no app role '${roleValue}'`);
      }
      this.tenant.assignments.push({ clientAppId: client.appId, resourceAppId: resource.appId, roleValue });
    }
  }

  /** Microsoft Graph, Azure SQL and Azure Resource Manager service principals, as in every tenant (v1 tokens). */
  microsoftResources(): { graph: EmuApp; sql: EmuApp; arm: EmuApp } {
    const graph = this.app({
      displayName: 'Microsoft Graph',
      appId: '00000003-0000-0000-c000-000000000000',
      identifierUris: ['https://graph.microsoft.com', 'https://canary.graph.microsoft.com', 'https://graph.microsoft.com/'],
      tokenVersion: 1,
      roles: ['User.Read.All', 'Mail.Read', 'Application.Read.All'],
    });
    const sql = this.app({
      displayName: 'Azure SQL Database',
      appId: '022907d3-0f1b-48f7-badc-1ba6abab6d66',
      identifierUris: ['https://database.windows.net/'],
      tokenVersion: 1,
    });
    const arm = this.app({
      displayName: 'Windows Azure Service Management API',
      appId: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
      identifierUris: ['https://management.azure.com/', 'https://management.core.windows.net/'],
      tokenVersion: 1,
    });
    return { graph, sql, arm };
  }
}

export class FixtureBuilder {
  readonly fixture: EmuFixture = { tenants: [] };

  tenant(opts: { id?: string; domain?: string; displayName?: string } = {}): TenantBuilder {
    const id = opts.id ?? randomUUID();
    const t: EmuTenant = {
      id,
      domains: [opts.domain ?? `tenant${id.slice(0, 6)}.onmicrosoft.com`],
      displayName: opts.displayName ?? 'Contoso',
      apps: [],
      assignments: [],
    };
    this.fixture.tenants.push(t);
    return new TenantBuilder(t);
  }

  build(): EmuFixture {
    return this.fixture;
  }
}
