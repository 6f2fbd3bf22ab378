using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Maintenance.Tests.Consumers;

/// <summary>A maintenance of its own whose commits are counted, its timers off so that only the flow under test commits.</summary>
public sealed class CountedMaintenance : MaintenanceService
{
    public CommitCounter Counter { get; } = new();

    protected override void ConfigureService(IWebHostBuilder web)
    {
        base.ConfigureService(web);
        web.UseSetting("Sla:Monitor:Interval", "01:00:00");
        web.UseSetting("Messaging:Outbox:PollInterval", "01:00:00");
        web.ConfigureTestServices(services =>
        {
            foreach (var timer in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.IsSubclassOf(typeof(PeriodicWork)) == true).ToList())
            {
                services.Remove(timer);
            }

            services.ConfigureDbContext<MaintenanceDbContext>(options => options.AddInterceptors(Counter));
        });
    }
}

public sealed class RepairFlowCommitTests(CountedMaintenance maintenance) : IClassFixture<CountedMaintenance>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_repair_request_costs_maintenance_two_commits_the_work_order_and_its_announcement()
    {
        await maintenance.Counter.QuietAsync(Ct);
        maintenance.Counter.Reset();
        var repair = new RepairRequested(
            Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), null, "The kitchen tap drips", "Normal");

        await maintenance.Bus.Publish(repair, Ct);

        await Eventually.Async(async () => await ScalarAsync<long>(
                $"SELECT count(*) FROM outbox_messages WHERE published_at IS NOT NULL AND payload::text LIKE '%{repair.RequestId}%'") == 1,
            TimeSpan.FromSeconds(30), "the WorkOrderCreated should be published");
        await maintenance.Counter.QuietAsync(Ct);

        // The design's commits, one each, and nothing more:
        // 1. the RepairRequested consumed: its inbox record, the work order and the WorkOrderCreated outbox row, together;
        // 2. the outbox publish: the dispatcher marks WorkOrderCreated sent, under its advisory lock, once the broker confirmed.
        // No statement runs outside them, and no pooled connection is reset (a reset is a commit of its own).
        var commits = maintenance.Counter.Commits;
        commits.Should().HaveCount(2, "each commit is one of the design's: {0}", string.Join("\n", commits));
        commits.Should().OnlyContain(c => c.Explicit && c.Writes);
    }

    /// <summary>Reads the database directly, past the counted DbContext.</summary>
    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(maintenance.DatabaseConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
