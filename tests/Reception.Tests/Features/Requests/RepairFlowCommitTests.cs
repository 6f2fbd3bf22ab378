using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Features.RegistryImports;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Requests;

/// <summary>
/// A reception of its own whose commits are counted, its timers off (or hourly) so that only the flow under test commits.
/// </summary>
public sealed class CountedReception : ReceptionService
{
    public CommitCounter Counter { get; } = new();

    protected override void ConfigureService(IWebHostBuilder web)
    {
        base.ConfigureService(web);
        web.UseSetting("Notifications:PollInterval", "01:00:00");
        web.UseSetting("Sla:Monitor:Interval", "01:00:00");
        web.UseSetting("Messaging:Outbox:PollInterval", "01:00:00");
        web.ConfigureTestServices(services =>
        {
            foreach (var timer in services.Where(d => d.ServiceType == typeof(IHostedService)
                && (d.ImplementationType?.IsSubclassOf(typeof(PeriodicWork)) == true || d.ImplementationType == typeof(RegistryImportWorker))).ToList())
            {
                services.Remove(timer);
            }

            services.ConfigureDbContext<ReceptionDbContext>(options => options.AddInterceptors(Counter));
        });
    }
}

public sealed class RepairFlowCommitTests(CountedReception reception) : IClassFixture<CountedReception>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_repair_intake_costs_reception_one_read_and_three_commits_intake_outbox_publish_and_the_reply()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        await reception.Counter.QuietAsync(Ct);
        reception.Counter.Reset();

        var response = await reception.CreateClient(TestCaller.Clerk(estateId)).PostAsJsonAsync("/api/reception/requests", new
        {
            estateId,
            unitId = units[0],
            channel = "phone",
            category = "repair",
            description = "The kitchen tap drips",
            requesterName = "Chen",
        }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var request = (await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
        await Eventually.Async(async () => await ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL") == 0,
            TimeSpan.FromSeconds(30), "the RepairRequested should be published");

        // Maintenance's reply, as maintenance publishes it, through the real broker.
        await reception.Bus.Publish(
            new WorkOrderCreated(Guid.CreateVersion7(), DateTimeOffset.UtcNow, estateId, request.Id, Guid.CreateVersion7(), request.Id, "Normal"), Ct);
        await Eventually.Async(async () => await ScalarAsync<bool>(
                $"SELECT work_order_id IS NOT NULL FROM customer_requests WHERE id = '{request.Id}'"),
            TimeSpan.FromSeconds(30), "the request should be routed");
        await reception.Counter.QuietAsync(Ct);

        // What the design needs, one each, and nothing more:
        // 1. the read that checks the estate and the unit before anything is written: one statement, read-only (no
        //    transaction id, nothing written to the WAL), so it is not folded into the intake's transaction;
        // 2. the intake: the request, its deadlines, its audit rows and the RepairRequested outbox row, together;
        // 3. the outbox publish: the dispatcher marks the event sent, under its advisory lock, once the broker confirmed;
        // 4. the reply consumed: WorkOrderCreated's inbox record, the request routed and its audit rows, together.
        // No pooled connection is reset on the way (a reset is a statement and a commit of its own).
        var commits = reception.Counter.Commits;
        commits.Should().HaveCount(4, "each commit is one of the design's: {0}", string.Join("\n", commits));
        commits.Where(c => c.Explicit).Should().HaveCount(3).And.OnlyContain(c => c.Writes);
        commits.Where(c => !c.Explicit).Should().ContainSingle().Which.Writes.Should().BeFalse();
    }

    /// <summary>Reads the database directly, past the counted DbContext.</summary>
    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(reception.DatabaseConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
