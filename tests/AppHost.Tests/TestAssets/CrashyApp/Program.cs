// A tiny service for the AppHost tests: healthy at /health, shows its environment, and exits on request.
var app = WebApplication.CreateBuilder(args).Build();

app.MapGet("/health", () => "Healthy");
app.MapGet("/env/{name}", (string name) => Environment.GetEnvironmentVariable(name) ?? "");
app.MapPost("/crash", () =>
{
    // Exit after the response is written, like a crash in the middle of work.
    _ = Task.Run(async () =>
    {
        await Task.Delay(100);
        Environment.Exit(3);
    });
    return "exiting";
});

await app.RunAsync();
