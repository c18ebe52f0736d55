// A generated solution of 2,000 files: 400 projects, each with appsettings.json, two environment
// overlays, Program.cs (app-token calls the linter reads) and a .csproj — what `entra-doctor lint .` meets in CI.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appsettingsOfSize } from './generate';

export const PROJECTS = 400;

export function generateWorkspace(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const put = (path: string, text: string): void => {
    writeFileSync(path, text);
    files++;
    bytes += text.length;
  };
  rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < PROJECTS; i++) {
    const p = join(dir, `src/Group${i % 20}/Service${i}`);
    mkdirSync(p, { recursive: true });
    put(join(p, 'appsettings.json'), appsettingsOfSize(1500 + (i % 7) * 700));
    put(
      join(p, 'appsettings.Development.json'),
      `{\n  // local overrides\n  "AzureAd": { "ClientSecret": "${i % 5 === 0 ? 'abc8Q~' + 'x'.repeat(34) : ''}" },\n  "DownstreamApis": { "Api0": { "Scopes": [ "https://graph.microsoft.com/User.Read" ] } },\n  "Logging": { "LogLevel": { "Default": "Debug" } }\n}\n`,
    );
    put(
      join(p, 'appsettings.Production.json'),
      `{\n  "AzureAd": { "Instance": "https://login.microsoftonline.us/", "TenantId": "${i % 3 === 0 ? 'Enter_the_Tenant_Id_Here' : '72f988bf-86f1-41af-91ab-2d7cd011db47'}" },\n  "DownstreamApis": { "Api1": { "BaseUrl": "https://graph.microsoft.us/v1.0" } },\n}\n`,
    );
    put(
      join(p, 'Program.cs'),
      `using Microsoft.Identity.Web;\n\nvar builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddMicrosoftIdentityWebApiAuthentication(builder.Configuration)\n    .EnableTokenAcquisitionToCallDownstreamApi()\n    .AddDownstreamApis(builder.Configuration.GetSection("DownstreamApis"))\n    .AddInMemoryTokenCaches();\nvar app = builder.Build();\napp.MapGet("/", async (IDownstreamApi api) => await api.GetForAppAsync<object>("Api${i % 4}"));\napp.MapGet("/t", async (ITokenAcquisition t) => await t.GetAccessTokenForAppAsync("https://graph.microsoft.com/.default"));\napp.Run();\n${'// padding\n'.repeat(i % 50)}`,
    );
    put(
      join(p, `Service${i}.csproj`),
      `<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n${i % 2 ? `    <UserSecretsId>${(i * 7919).toString(16).padStart(8, '0')}-aaaa-bbbb-cccc-dddddddddddd</UserSecretsId>\n` : ''}  </PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include="Microsoft.Identity.Web" Version="3.2.0" />\n  </ItemGroup>\n</Project>\n`,
    );
  }
  return { files, bytes };
}
