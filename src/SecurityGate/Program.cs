using PropertyPlatform.SecurityGate;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSecurityGateServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapSecurityGateApi();

await app.MigrateDatabaseAsync<SecurityGateDbContext>();
await app.RunAsync();

public partial class Program;
