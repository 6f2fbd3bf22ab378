using PropertyPlatform.Identity;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIdentityApi();

await app.RunAsync();

public partial class Program;
