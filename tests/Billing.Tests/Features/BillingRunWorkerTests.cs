using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Runs;

namespace PropertyPlatform.Billing.Tests.Features;

/// <summary>What keeps a run whole when processes die or replicas compete: the advisory lock and the one transaction.</summary>
public sealed class BillingRunWorkerTests(BillingService billing)
{
    private static readonly DateOnly Period = BillingService.LastMonth;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BillingRunWorker Worker => billing.Services.GetRequiredService<BillingRunWorker>();

    /// <summary>A run row left Running, as a process that died mid-run leaves it (its bills rolled back with its transaction).</summary>
    private async Task<(Guid EstateId, Guid RunId)> RunLeftRunningAsync()
    {
        var estateId = await billing.NewEstateAsync();
        await billing.ApprovedRateAsync(estateId, "management-fee", 2m, Period.AddYears(-1));
        await billing.UnitAsync(estateId, 100m, Period.AddYears(-1));
        var run = BillingRun.Start(estateId, Period, FeeItem.ManagementFee, "CNY", "manager", Guid.NewGuid(), DateTimeOffset.UtcNow);
        await billing.QueryAsync(async db =>
        {
            db.Runs.Add(run);
            return await db.SaveChangesAsync(Ct);
        });
        return (estateId, run.Id);
    }

    private Task<BillingRun> RunAsync(Guid runId) => billing.QueryAsync(db => db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, Ct));

    [Fact]
    public async Task A_run_left_running_by_a_process_that_died_is_posted_again_whole()
    {
        var (estateId, runId) = await RunLeftRunningAsync();

        await Worker.PostAsync(runId, Ct);

        // The background loop may have taken it first: either way it finishes once.
        var run = await billing.FinishedRunAsync(estateId, runId);
        (run.Status, run.BillCount, run.Total).Should().Be(("Posted", 1, 200m));
        (await billing.QueryAsync(db => db.Bills.CountAsync(b => b.EstateId == estateId, Ct))).Should().Be(1);
    }

    [Fact]
    public async Task A_run_another_worker_holds_is_left_to_it()
    {
        var (estateId, runId) = await RunLeftRunningAsync();
        await using var otherReplica = new NpgsqlConnection(billing.DatabaseConnectionString);
        await otherReplica.OpenAsync(Ct);
        await using var holding = await otherReplica.BeginTransactionAsync(Ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@id, 0))", otherReplica, holding))
        {
            take.Parameters.AddWithValue("id", runId.ToString());
            await take.ExecuteNonQueryAsync(Ct);
        }

        await Worker.PostAsync(runId, Ct);

        (await RunAsync(runId)).Status.Should().Be(BillingRunStatus.Running);
        (await billing.QueryAsync(db => db.Bills.CountAsync(b => b.EstateId == estateId, Ct))).Should().Be(0);
    }
}
