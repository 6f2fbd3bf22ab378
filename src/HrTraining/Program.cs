using PropertyPlatform.HrTraining;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHrTrainingServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapHrTrainingApi();

await app.MigrateDatabaseAsync<HrTrainingDbContext>();
await app.RunAsync();

public partial class Program;
