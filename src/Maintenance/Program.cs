using PropertyPlatform.Maintenance;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMaintenanceServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapMaintenanceApi();

await app.MigrateDatabaseAsync<MaintenanceDbContext>();
await app.RunAsync();

public partial class Program;
