namespace PropertyPlatform.AppHost.Hosting;

/// <summary>The operations dashboard: one HTML page plus the JSON it polls, served by the AppHost on its own port.</summary>
internal sealed class DashboardServer(DistributedApplication application, int port) : IAsyncDisposable
{
    private WebApplication? web;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port));
        web = builder.Build();
        MapEndpoints(web);
        try
        {
            await web.StartAsync(cancellationToken);
        }
        catch (IOException exception)
        {
            throw new DistributedApplicationException(
                $"The dashboard cannot listen on port {port} ({exception.Message}). Choose another with --AppHost:DashboardPort=<port>.", exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (web is not null)
        {
            await web.StopAsync();
            await web.DisposeAsync();
            web = null;
        }
    }

    private void MapEndpoints(WebApplication app)
    {
        app.MapGet("/", () => Results.Content(ReadPage(), "text/html; charset=utf-8"));
        app.MapGet("/api/resources", () => Results.Json(application.GetResources().Select(ToJson)));
        app.MapGet("/api/resources/{name}/logs", (string name, long? after) =>
            application.Resources.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
                ? Results.Json(application.GetResourceLogs(name, after ?? 0).Select(l => new { l.Sequence, l.Timestamp, l.IsError, l.Text }))
                : Results.NotFound());
        app.MapGet("/api/links", () => Results.Json(Links()));
        MapDeadLetters(app);
    }

    private void MapDeadLetters(WebApplication app)
    {
        if (application.Broker is not { } broker)
        {
            app.MapGet("/api/dead-letters", () => Results.Json(Array.Empty<ErrorQueueContents>()));
            return;
        }

        var deadLetters = new DeadLetterService(broker);
        app.MapGet("/api/dead-letters", async (CancellationToken cancellationToken) =>
            await CallBrokerAsync(async () => Results.Json(await deadLetters.ListAsync(cancellationToken))));
        app.MapPost("/api/dead-letters/{queue}/replay", async (string queue, CancellationToken cancellationToken) =>
            await CallBrokerAsync(async () => Results.Json(await deadLetters.ReplayAsync(queue, null, cancellationToken))));
        app.MapPost("/api/dead-letters/{queue}/replay/{messageId}", async (string queue, string messageId, CancellationToken cancellationToken) =>
            await CallBrokerAsync(async () =>
            {
                var result = await deadLetters.ReplayAsync(queue, messageId, cancellationToken);
                return result.Replayed == 0 ? Results.NotFound($"No message {messageId} in {queue}.") : Results.Json(result);
            }));
    }

    /// <summary>The broker may be stopped or starting: that is a 503 for the page, not a crash.</summary>
    private static async Task<IResult> CallBrokerAsync(Func<Task<IResult>> call)
    {
        try
        {
            return await call();
        }
        catch (ArgumentException exception)
        {
            return Results.BadRequest(exception.Message);
        }
        catch (KeyNotFoundException exception)
        {
            return Results.NotFound(exception.Message);
        }
        catch (Exception exception) when (exception is RabbitMQ.Client.Exceptions.BrokerUnreachableException or HttpRequestException or IOException or InvalidOperationException)
        {
            return Results.Problem(exception.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static object ToJson(ResourceSnapshot snapshot) => new
    {
        name = snapshot.Name,
        type = snapshot.Type,
        state = snapshot.State.ToString(),
        health = snapshot.Health,
        endpoints = snapshot.Endpoints.Select(e => new { name = e.Name, url = e.Url }),
        restarts = snapshot.Restarts,
        pid = snapshot.Pid,
        startedAt = snapshot.StartedAt,
        uptimeSeconds = snapshot.StartedAt is { } started && snapshot.Pid is not null
            ? (long?)(DateTimeOffset.UtcNow - started).TotalSeconds
            : null,
        exitCode = snapshot.ExitCode,
        environment = snapshot.Environment,
    };

    /// <summary>Where an operator goes next: the broker's UI and every project's metrics and API reference.</summary>
    private object Links()
    {
        var management = application.Broker?.ManagementUrl;
        var projects = application.Resources.OfType<ProjectResource>().Select(p => new
        {
            name = p.Name,
            metrics = new Uri(p.GetEndpoint("http").Url, "/metrics").ToString(),
            scalar = new Uri(p.GetEndpoint("http").Url, "/scalar").ToString(),
        });
        return new { rabbitMQManagement = management?.ToString(), projects };
    }

    private static string ReadPage()
    {
        using var stream = typeof(DashboardServer).Assembly.GetManifestResourceStream("dashboard.html")
            ?? throw new InvalidOperationException("dashboard.html is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
