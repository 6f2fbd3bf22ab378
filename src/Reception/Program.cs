using PropertyPlatform.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddReceptionServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapReceptionApi();

await app.MigrateDatabaseAsync<ReceptionDbContext>();
await app.RunAsync();

public partial class Program;
