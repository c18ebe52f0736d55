using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Web;

var tokenAcquirerFactory = TokenAcquirerFactory.GetDefaultInstance();
tokenAcquirerFactory.Services.AddDownstreamApis(
    tokenAcquirerFactory.Configuration.GetSection("DownstreamApis"));
var services = tokenAcquirerFactory.Build();

var api = services.GetRequiredService<IDownstreamApi>();
var users = await api.GetForAppAsync<UserList>("MicrosoftGraph");
Console.WriteLine($"{users?.Value.Count ?? 0} users");

var sqlToken = await services.GetRequiredService<IAuthorizationHeaderProvider>()
    .CreateAuthorizationHeaderForAppAsync("https://database.windows.net/.default");

record UserList(List<object> Value);
