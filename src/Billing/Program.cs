using PropertyPlatform.Billing;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddBillingServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapBillingApi();

await app.MigrateDatabaseAsync<BillingDbContext>();
await app.RunAsync();

public partial class Program;
