using PropertyPlatform.Maintenance;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMaintenanceServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapMaintenanceApi();

await app.RunAsync();

public partial class Program;
