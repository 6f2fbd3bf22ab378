using PropertyPlatform.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddWebApp();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapWebApp();

await app.RunAsync();

public partial class Program;
