using PropertyPlatform.Reception;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddReceptionServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapReceptionApi();

await app.RunAsync();

public partial class Program;
