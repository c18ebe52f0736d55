// Appsettings-like JSONC of a given size: an identity section, many downstream APIs (some with
// mistakes the rules report), comments and trailing commas — what the linter sees in real files.
export function appsettingsOfSize(targetBytes: number): string {
  const head = `{
  // Identity of the daemon
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "contoso.onmicrosoft.com",
    "ClientId": "6e1f3c2a-4b5d-4e8f-9a0b-1c2d3e4f5a6b",
    "ClientCredentials": [ { "SourceType": "StoreWithThumbprint", "CertificateStorePath": "CurrentUser/My", "CertificateThumbprint": "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678" } ],
  },
  "DownstreamApis": {
`;
  const parts: string[] = [head];
  let size = head.length;
  for (let i = 0; size < targetBytes - 200; i++) {
    const scope =
      i % 3 === 0
        ? 'https://graph.microsoft.com/.default'
        : i % 3 === 1
          ? 'https://database.windows.net/.default'
          : `api://${(i * 7919).toString(16).padStart(8, '0')}-1111-2222-3333-444455556666/.default`;
    const entry = `    /* api ${i} */
    "Api${i}": {
      "BaseUrl": "https://api${i}.contoso.com/v1.0",
      "RelativePath": "items/${i}",
      "RequestAppToken": true,
      "Scopes": [ "${scope}" ],
    },
`;
    parts.push(entry);
    size += entry.length;
  }
  parts.push('  },\n  "Logging": { "LogLevel": { "Default": "Information" } }\n}\n');
  return parts.join('');
}
