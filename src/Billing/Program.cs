using PropertyPlatform.Billing;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddBillingServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapBillingApi();

await app.RunAsync();

public partial class Program;
