using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Requests;

/// <summary>
/// A reception of its own whose commits are counted, with every timer-driven worker slowed to hourly so that what is
/// counted is the flow under test and nothing else.
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
        web.ConfigureTestServices(services => services.ConfigureDbContext<ReceptionDbContext>(options => options.AddInterceptors(Counter)));
    }
}

public sealed class RepairFlowCommitTests(CountedReception reception) : IClassFixture<CountedReception>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_repair_intake_costs_reception_three_commits_intake_outbox_publish_and_the_reply()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        await QuietAsync();
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
        await QuietAsync();

        // The design's commits, one each, and nothing more:
        // 1. the intake: the request, its deadlines, its audit rows and the RepairRequested outbox row, together;
        // 2. the outbox publish: the dispatcher marks the event sent, under its advisory lock, once the broker confirmed;
        // 3. the reply consumed: WorkOrderCreated's inbox record, the request routed and its audit rows, together.
        // Reads before the intake (the estate, the unit) run as statements of their own and are not counted here.
        var transactions = reception.Counter.Transactions;
        transactions.Should().HaveCount(3, "each commit is one of the design's: {0}", string.Join("\n", transactions));
        transactions.Should().OnlyContain(t => t.Writes);
    }

    /// <summary>Waits until no commit has been counted for a while: whatever an earlier step set off has finished.</summary>
    private async Task QuietAsync()
    {
        var seen = -1;
        await Eventually.Async(async () =>
        {
            var now = reception.Counter.Commits.Count;
            if (now == seen)
            {
                return true;
            }

            seen = now;
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            return false;
        }, TimeSpan.FromSeconds(30), "the service should go quiet");
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
