using PropertyPlatform.Identity;
using PropertyPlatform.Identity.Data;
using PropertyPlatform.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIdentityApi();

await app.MigrateDatabaseAsync<IdentityDbContext>();
await app.RunAsync();

public partial class Program;
