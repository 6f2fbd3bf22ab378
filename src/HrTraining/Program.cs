using PropertyPlatform.HrTraining;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHrTrainingServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapHrTrainingApi();

await app.RunAsync();

public partial class Program;
