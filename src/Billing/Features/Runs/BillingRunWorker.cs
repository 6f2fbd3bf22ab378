using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Billing.Features.Runs;

/// <summary>How a run writes: <see cref="ChunkSize"/> units per SaveChanges inside its one transaction.</summary>
public sealed class BillingRunOptions
{
    public const string ConfigurationSection = "Billing:Runs";

    public int ChunkSize { get; set; } = 1000;
}

/// <summary>
/// Posts queued runs. A run is all or nothing: every bill, open item and event of the estate is written in ONE
/// transaction with the run's move to Posted, so a run that fails (or whose process dies) leaves no bill behind and the
/// estate is never half billed. The run row is marked Failed (an error) or stays Running (a crash) and is simply run
/// again: no resume bookkeeping is needed because there is nothing half done to resume.
/// </summary>
/// <remarks>
/// A transaction-scoped advisory lock on the run id holds the run while it is worked on; PostgreSQL releases it when the
/// transaction ends or its connection dies, so a crashed replica's run is taken again at the next poll, and two
/// replicas never post the same run. Progress is committed apart from that transaction after every chunk, so it is
/// seen while the run works. The unique key on (estate, period, fee item) of runs, and on (run, unit) of bills, are the
/// database's guarantee that no unit is billed twice for a month and fee item.
/// </remarks>
public sealed class BillingRunWorker(
    IServiceScopeFactory scopes,
    WorkSignal<BillingRunWorker> signal,
    Microsoft.Extensions.Options.IOptions<BillingRunOptions> options,
    TimeProvider time,
    ILogger<BillingRunWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var runId in await RunningAsync(stoppingToken))
                {
                    await PostAsync(runId, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Looking for billing runs failed");
            }

            await signal.WaitAsync(PollInterval, stoppingToken);
        }
    }

    private async Task<List<Guid>> RunningAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
        return await db.Runs.AsNoTracking().Where(r => r.Status == BillingRunStatus.Running).OrderBy(r => r.StartedAt).Select(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Posts the run unless another worker holds it; on failure nothing of it stays and it is marked failed.</summary>
    public async Task PostAsync(Guid runId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var held = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtextextended({runId.ToString()}, 0)) AS \"Value\"")
                    .SingleAsync(ct);
                var run = held ? await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, ct) : null;
                if (run is null || run.Status != BillingRunStatus.Running)
                {
                    return;
                }

                var (billCount, total) = await BillAsync(db, run, ct);
                var posted = await db.Runs.SingleAsync(r => r.Id == runId, ct);
                posted.Posted(billCount, total, time.GetUtcNow());
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                logger.LogInformation("Billing run {RunId} posted {BillCount} bills, {Total} {Currency}", runId, billCount, total, run.Currency);
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Billing run {RunId} failed and was rolled back", runId);
            await UpdateApartAsync(runId, run => run.Failed(ex.GetBaseException().Message), CancellationToken.None);
        }
    }

    private async Task<(int BillCount, decimal Total)> BillAsync(BillingDbContext db, BillingRun run, CancellationToken cancellationToken)
    {
        var rates = await BillingRunCalculator.RatesAsync(db, run.EstateId, run.FeeItem, cancellationToken);
        var unitsTotal = await db.Units.CountAsync(u => u.EstateId == run.EstateId, cancellationToken);
        await UpdateApartAsync(run.Id, r => (r.UnitsTotal, r.UnitsDone) = (unitsTotal, 0), cancellationToken);
        var chunkSize = Math.Max(1, options.Value.ChunkSize);
        var (billCount, total, done) = (0, 0m, 0);
        Guid? after = null;
        while (true)
        {
            var query = BillingRunCalculator.Units(db, run.EstateId);
            var units = await (after is { } last ? query.Where(u => u.UnitId.CompareTo(last) > 0) : query).Take(chunkSize).ToListAsync(cancellationToken);
            if (units.Count == 0)
            {
                break;
            }

            var now = time.GetUtcNow();
            foreach (var unit in units)
            {
                if (BillingRunCalculator.Compute(unit, run.FeeItem, run.Period, rates, run.Currency) is not { } computed)
                {
                    continue;
                }

                var bill = Bill.Issue(run, unit.UnitId, computed.Lines, now);
                db.Bills.Add(bill);
                db.Receivables.Add(Receivable.ForBill(bill, $"{run.FeeItem.Name()} {RunsApi.Month(run.Period)}"));
                Announce(db, run, unit, bill, now);
                billCount++;
                total += bill.Total;
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            done += units.Count;
            after = units[^1].UnitId;
            await UpdateApartAsync(run.Id, r => r.UnitsDone = done, cancellationToken);
        }

        return (billCount, total);
    }

    private static void Announce(BillingDbContext db, BillingRun run, BillableUnit unit, Bill bill, DateTimeOffset now)
    {
        db.AddIntegrationEvent(new BillIssued(
            Guid.CreateVersion7(now), now, run.EstateId, run.CorrelationId, bill.Id, run.Id, unit.UnitId, unit.OwnerId, run.FeeItem.Name(), run.Period,
            bill.Total, bill.Currency, bill.DueOn));
        if (unit.OwnerId is not { } ownerId)
        {
            return;
        }

        db.AddIntegrationEvent(new NotificationRequested(
            Guid.CreateVersion7(now), now, run.EstateId, run.CorrelationId, "owner", ownerId, BillingNotifications.BillIssued,
            new Dictionary<string, string>
            {
                ["unitNumber"] = unit.Number,
                ["feeItem"] = run.FeeItem.Name(),
                ["period"] = RunsApi.Month(run.Period),
                ["amount"] = BillingRounding.Format(bill.Total, bill.Currency),
                ["currency"] = bill.Currency,
                ["dueOn"] = bill.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["billId"] = bill.Id.ToString(),
            },
            "normal"));
    }

    /// <summary>Writes to the run row outside the run's transaction (progress, failure), so it shows at once and survives a rollback.</summary>
    private async Task UpdateApartAsync(Guid runId, Action<BillingRun> change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
        var run = await db.Runs.SingleAsync(r => r.Id == runId, cancellationToken);
        change(run);
        await db.SaveChangesAsync(cancellationToken);
    }
}
