using PropertyPlatform.SecurityGate;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSecurityGateServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapSecurityGateApi();

await app.RunAsync();

public partial class Program;
