using System.Globalization;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>A bare MassTransit request: published, consumed by the baseline process, answered with <see cref="BarePong"/>.</summary>
public sealed record BarePing(Guid Id);

public sealed record BarePong(Guid Id);

/// <summary>
/// The baselines the ratios are taken against, as a process of their own that the benchmark adds to the AppHost's model
/// (so the orchestrator's proxies and environment are the services'): a minimal API that inserts one row per request
/// into a database of the same PostgreSQL server (Npgsql, one statement, nothing else), and a MassTransit consumer on
/// the same broker that answers each <see cref="BarePing"/>. No authentication, audit, outbox or telemetry: that is what
/// "bare" means, and the ratio shows what the platform's guarantees cost. Started by this same executable with
/// <c>--bare-api</c>.
/// </summary>
public static class BareBaseline
{
    public const string Argument = "--bare-api";

    public const string ResourceName = "bare-api";

    public const string RowsPath = "/rows";

    /// <summary>The port the orchestrator gives the baseline's endpoint.</summary>
    public const string PortVariable = "BARE_API_PORT";

    public static async Task RunAsync(string[] args)
    {
        // The orchestrator hands its own environment down (the AppHost's URLs among it): this process listens where its
        // endpoint says, nowhere else.
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>()
                     .Where(n => n.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || n.StartsWith("Kestrel__", StringComparison.Ordinal)
                         || n is "DOTNET_URLS" or "URLS" or "HTTP_PORTS" or "DOTNET_HTTP_PORTS"))
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        // Not the binary's folder as content root: the appsettings.json copied there from referenced projects names
        // Kestrel endpoints (localhost:0) that are not this process's.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = Directory.CreateTempSubdirectory("bare-api").FullName });
        var port = int.Parse(Environment.GetEnvironmentVariable(PortVariable)
            ?? throw new InvalidOperationException($"{PortVariable} is missing (the benchmark sets it)."), CultureInfo.InvariantCulture);
        Console.WriteLine($"Baseline process: listening on 127.0.0.1:{port}");
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var server = builder.Configuration.GetConnectionString("postgres")
            ?? throw new InvalidOperationException("ConnectionStrings__postgres is missing (the benchmark sets it).");
        Console.WriteLine("Baseline process: preparing its database");
        var database = await EnsureDatabaseAsync(server);
        Console.WriteLine("Baseline process: database ready, starting the API and the consumer");
        builder.Services.AddSingleton(NpgsqlDataSource.Create(database));
        // The services' logging (their appsettings.json): no line per request. Without it the baseline wrote four console
        // lines per request, which the orchestrator collects: a cost the services do not pay.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddMassTransit(bus =>
        {
            // As the services' buses (MessagingExtensions): MassTransit 8.5 reports usage to its vendor unless told not
            // to, and with nowhere to report to it logged a stack trace every run.
            bus.DisableUsageTelemetry();
            bus.AddConsumer<PingConsumer>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(builder.Configuration.GetConnectionString("messaging")
                    ?? throw new InvalidOperationException("ConnectionStrings__messaging is missing (the benchmark sets it).")));
                rabbit.ReceiveEndpoint("bench-bare-ping", endpoint => endpoint.ConfigureConsumer<PingConsumer>(context));
            });
        });

        var app = builder.Build();
        app.MapPost(RowsPath, async (BareRow row, NpgsqlDataSource data, CancellationToken ct) =>
        {
            var id = Guid.CreateVersion7();
            await using var insert = data.CreateCommand(
                "INSERT INTO bare_rows (id, estate_id, unit_id, description, requester_name, requester_phone, received_at) VALUES ($1, $2, $3, $4, $5, $6, now())");
            insert.Parameters.Add(new NpgsqlParameter { Value = id });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.EstateId });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.UnitId });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.Description });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.RequesterName });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.RequesterPhone });
            await insert.ExecuteNonQueryAsync(ct);
            return TypedResults.Created($"{RowsPath}/{id}", new BareCreated(id));
        });
        app.MapGet("/health", () => TypedResults.Ok());
        await app.RunAsync();
    }

    private static async Task<string> EnsureDatabaseAsync(string server)
    {
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = 'bare'", connection);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand("CREATE DATABASE bare", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        var database = new NpgsqlConnectionStringBuilder(server) { Database = "bare" }.ConnectionString;
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var table = new NpgsqlCommand(
                "CREATE TABLE IF NOT EXISTS bare_rows (id uuid PRIMARY KEY, estate_id uuid NOT NULL, unit_id uuid NOT NULL, " +
                "description text NOT NULL, requester_name text NOT NULL, requester_phone text NOT NULL, received_at timestamptz NOT NULL)",
                connection);
            await table.ExecuteNonQueryAsync();
        }

        return database;
    }

    public sealed record BareRow(Guid EstateId, Guid UnitId, string Description, string RequesterName, string RequesterPhone);

    public sealed record BareCreated(Guid Id);

    public sealed class PingConsumer : IConsumer<BarePing>
    {
        public Task Consume(ConsumeContext<BarePing> context) => context.RespondAsync(new BarePong(context.Message.Id));
    }
}
