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

    /// <summary>
    /// A run row left Running, as a process that died mid-run leaves it (its bills rolled back with its transaction); or,
    /// when <paramref name="running"/> is false, stored failed, so that no worker takes it until <see cref="AskedAgainAsync"/>.
    /// </summary>
    private async Task<(Guid EstateId, Guid RunId)> RunLeftRunningAsync(bool running = true)
    {
        var estateId = await billing.NewEstateAsync();
        await billing.ApprovedRateAsync(estateId, "management-fee", 2m, Period.AddYears(-1));
        await billing.UnitAsync(estateId, 100m, Period.AddYears(-1));
        return (estateId, await StoredRunAsync(estateId, running));
    }

    /// <summary>A run of <see cref="Period"/>'s management fee stored Running, or failed when <paramref name="running"/> is false.</summary>
    private async Task<Guid> StoredRunAsync(Guid estateId, bool running)
    {
        var run = BillingRun.Start(estateId, BillingPeriod.Month(Period), FeeItem.ManagementFee, "CNY", "manager", Guid.NewGuid(), DateTimeOffset.UtcNow);
        if (!running)
        {
            run.Failed("not yet asked for");
        }

        await billing.QueryAsync(async db =>
        {
            db.Runs.Add(run);
            return await db.SaveChangesAsync(Ct);
        });
        return run.Id;
    }

    /// <summary>A failed run asked for again: from here the background loop may take it as well as the test's own call.</summary>
    private Task<int> AskedAgainAsync(Guid runId) => billing.QueryAsync(async db =>
    {
        (await db.Runs.SingleAsync(r => r.Id == runId, Ct)).Retry().Should().BeTrue();
        return await db.SaveChangesAsync(Ct);
    });

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
        var (estateId, runId) = await RunLeftRunningAsync(running: false);
        await using var otherReplica = new NpgsqlConnection(billing.DatabaseConnectionString);
        await otherReplica.OpenAsync(Ct);
        await using var holding = await otherReplica.BeginTransactionAsync(Ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@id, 0))", otherReplica, holding))
        {
            take.Parameters.AddWithValue("id", runId.ToString());
            await take.ExecuteNonQueryAsync(Ct);
        }

        await AskedAgainAsync(runId);
        await Worker.PostAsync(runId, Ct);

        (await RunAsync(runId)).Status.Should().Be(BillingRunStatus.Running);
        (await billing.QueryAsync(db => db.Bills.CountAsync(b => b.EstateId == estateId, Ct))).Should().Be(0);
    }

    [Fact]
    public async Task Progress_shows_while_a_run_works_and_the_run_still_posts_whole()
    {
        var estateId = await billing.NewEstateAsync();
        await billing.ApprovedRateAsync(estateId, "management-fee", 2m, Period.AddYears(-1));
        for (var i = 0; i < 4; i++)
        {
            await billing.UnitAsync(estateId, 100m, Period.AddYears(-1));
        }

        // The run's order is the database's order of unit ids (version-7 ids made in one millisecond need not sort as made).
        var third = await billing.QueryAsync(db => db.Units.Where(u => u.EstateId == estateId).OrderBy(u => u.UnitId).Select(u => u.UnitId).Skip(2).FirstAsync(Ct));

        // The run is stored failed, so that no worker takes it before the blocker below holds its key.
        var runId = await StoredRunAsync(estateId, running: false);
        // Another session holds the third unit's bill key uncommitted: the run's second chunk waits on it, after the first chunk.
        await using var blocker = new NpgsqlConnection(billing.DatabaseConnectionString);
        await blocker.OpenAsync(Ct);
        await using var holding = await blocker.BeginTransactionAsync(Ct);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO bills (id, estate_id, run_id, unit_id, period, fee_item, total, currency, due_on, issued_at) " +
            "VALUES (@id, @estate, @run, @unit, @period, 'ManagementFee', 0, 'CNY', @period, now())", blocker, holding))
        {
            insert.Parameters.AddWithValue("id", Guid.NewGuid());
            insert.Parameters.AddWithValue("estate", estateId);
            insert.Parameters.AddWithValue("run", runId);
            insert.Parameters.AddWithValue("unit", third);
            insert.Parameters.AddWithValue("period", Period);
            await insert.ExecuteNonQueryAsync(Ct);
        }

        // The background loop may take the run before this call does; either way one worker posts it, and it waits on the key.
        await AskedAgainAsync(runId);
        var posting = Worker.PostAsync(runId, Ct);
        await TestSupport.Eventually.Async(async () =>
        {
            var seen = await RunAsync(runId);
            return seen.Status == BillingRunStatus.Running && seen.UnitsTotal == 4 && seen.UnitsDone == BillingService.RunChunkSize;
        }, TimeSpan.FromSeconds(30), "the first chunk's progress should show while the run waits");
        (await billing.QueryAsync(db => db.Bills.CountAsync(b => b.EstateId == estateId, Ct))).Should().Be(0, "bills show only when the whole run commits");

        await holding.RollbackAsync(Ct);
        await posting;

        var posted = await billing.FinishedRunAsync(estateId, runId);
        (posted.Status, posted.BillCount, posted.UnitsDone).Should().Be(("Posted", 4, 4));
    }
}
