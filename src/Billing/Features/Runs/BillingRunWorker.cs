using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Terms;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Billing.Features.Runs;

/// <summary>How a run writes: <see cref="ChunkSize"/> units per COPY (and per progress update) inside its one transaction.</summary>
public sealed class BillingRunOptions
{
    public const string ConfigurationSection = "Billing:Runs";

    public int ChunkSize { get; set; } = 5000;
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
/// database's guarantee that no unit is billed twice for a period and fee item; <c>RunsApi</c> refuses a run whose period
/// overlaps a posted or running one.
/// <para>
/// A run writes its rows (bills, open items, their audit entries and outbox events) by binary COPY on the transaction's
/// connection (<see cref="BillingRunRows"/>): 100,000 units are 600,000 rows, and EF's tracked INSERTs cost about 1 s
/// per 1,000 units. The guarantees above do not depend on how the rows are written, only on where: in the one transaction.
/// </para>
/// </remarks>
public sealed class BillingRunWorker(
    IServiceScopeFactory scopes,
    WorkSignal<BillingRunWorker> signal,
    Microsoft.Extensions.Options.IOptions<BillingRunOptions> options,
    TimeProvider time,
    IHostEnvironment environment,
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

                var started = Stopwatch.GetTimestamp();
                var phases = new BillingRunPhases();
                // Due a payment term after the day it is posted (in estate time), with the estate's term as it is now.
                var dueOn = await BillingTermsApi.DueOnAsync(db, run.EstateId, time.GetUtcNow(), ct);
                var (billCount, total) = await BillAsync(db, run, dueOn, phases, ct);
                using (phases.Time(BillingRunPhases.Commit))
                {
                    var posted = await db.Runs.SingleAsync(r => r.Id == runId, ct);
                    posted.Posted(billCount, total, dueOn, time.GetUtcNow());
                    db.ChangeTracker.DetectChanges();
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                }

                logger.LogInformation("Billing run {RunId} posted {BillCount} bills, {Total} {Currency} in {ElapsedMs:0} ms: {Phases}",
                    runId, billCount, total, run.Currency, Stopwatch.GetElapsedTime(started).TotalMilliseconds, phases);
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

    private async Task<(int BillCount, decimal Total)> BillAsync(
        BillingDbContext db, BillingRun run, DateOnly dueOn, BillingRunPhases phases, CancellationToken cancellationToken)
    {
        int unitsTotal;
        using (phases.Time(BillingRunPhases.Load))
        {
            unitsTotal = await db.Units.CountAsync(u => u.EstateId == run.EstateId, cancellationToken);
        }

        using (phases.Time(BillingRunPhases.Progress))
        {
            await UpdateApartAsync(run.Id, r => (r.UnitsTotal, r.UnitsDone) = (unitsTotal, 0), cancellationToken);
        }

        // Reading and computing the next chunk (on a connection of its own) overlaps writing this one (on the run's):
        // the database works on one while the worker works on the other.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var chunks = Channel.CreateBounded<ComputedChunk>(1);
        var computing = Task.Run(() => ComputeAsync(run, dueOn, chunks.Writer, phases, stop.Token), stop.Token);
        var (billCount, total, done) = (0, 0m, 0);
        var credited = new List<CreditedBill>();
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken))
            {
                // Binary COPY on the run's connection, in its transaction: one round trip per table and chunk instead of an
                // INSERT per row, and no change tracking of rows that are never changed again.
                using (phases.Time(BillingRunPhases.Insert))
                {
                    await db.CopyBillsAsync(chunk.Bills, cancellationToken);
                    await db.CopyReceivablesAsync(chunk.Receivables, cancellationToken);
                }

                using (phases.Time(BillingRunPhases.Audit))
                {
                    await db.CopyAuditEntriesAsync(chunk.Audit, cancellationToken);
                }

                using (phases.Time(BillingRunPhases.Outbox))
                {
                    await db.CopyOutboxMessagesAsync(chunk.Events, cancellationToken);
                }

                credited.AddRange(chunk.Credited);
                billCount += chunk.Bills.Count;
                total += chunk.Bills.Sum(b => b.Total);
                done += chunk.Units;
                using (phases.Time(BillingRunPhases.Progress))
                {
                    await UpdateApartAsync(run.Id, r => r.UnitsDone = done, cancellationToken);
                }
            }
        }
        finally
        {
            // A write that failed stops the computing too; its own failure is the one the channel already reported.
            await stop.CancelAsync();
            await computing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        using (phases.Time(BillingRunPhases.Credit))
        {
            var now = time.GetUtcNow();
            var today = (await db.Set<KnownEstateCalendar>().AsNoTracking().SingleAsync(c => c.EstateId == run.EstateId, cancellationToken)).ToCalendar().LocalDay(now);
            await CreditAtPosting.ApplyAsync(db, run, credited, today, now, cancellationToken);
        }

        return (billCount, total);
    }

    /// <summary>The rows of a chunk of units, ready to be copied.</summary>
    private sealed record ComputedChunk(
        int Units, List<Bill> Bills, List<Receivable> Receivables, List<AuditEntry> Audit, List<OutboxMessage> Events, List<CreditedBill> Credited);

    /// <summary>Reads the estate's units chunk by chunk (keyset on the unit id) and computes their bills, audit entries and events.</summary>
    private async Task ComputeAsync(BillingRun run, DateOnly dueOn, ChannelWriter<ComputedChunk> chunks, BillingRunPhases phases, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
            var rates = await BillingRunCalculator.RatesAsync(db, run.EstateId, run.FeeItem, cancellationToken);
            var facts = await RunFacts.LoadAsync(db, run.EstateId, run.FeeItem, run.BilledPeriod.First, run.BilledPeriod.End, cancellationToken);
            var withCredit = await CreditAtPosting.UnitsWithCreditAsync(db, run.EstateId, cancellationToken);
            var chunkSize = Math.Max(1, options.Value.ChunkSize);
            var description = $"{run.FeeItem.Name()} {run.BilledPeriod}";
            var actor = AuditInterceptor.SystemActor(environment);
            Guid? after = null;
            while (true)
            {
                List<BillableUnit> units;
                using (phases.Time(BillingRunPhases.Load))
                {
                    var query = BillingRunCalculator.Units(db, run.EstateId);
                    units = await (after is { } last ? query.Where(u => u.UnitId.CompareTo(last) > 0) : query).Take(chunkSize).ToListAsync(cancellationToken);
                }

                if (units.Count == 0)
                {
                    break;
                }

                var now = time.GetUtcNow();
                var chunk = new ComputedChunk(units.Count, new(units.Count), new(units.Count), new(2 * units.Count), new(2 * units.Count), []);
                using (phases.Time(BillingRunPhases.Compute))
                {
                    foreach (var unit in units)
                    {
                        if (BillingRunCalculator.Compute(unit, run.FeeItem, run.BilledPeriod, rates, run.Currency, facts) is not { } computed)
                        {
                            continue;
                        }

                        var bill = Bill.Issue(run, unit.UnitId, computed.Lines, dueOn, now);
                        var receivable = Receivable.ForBill(bill, description);
                        chunk.Bills.Add(bill);
                        chunk.Receivables.Add(receivable);
                        chunk.Audit.Add(BillingRunRows.Audited(bill, actor, run.CorrelationId));
                        chunk.Audit.Add(BillingRunRows.Audited(receivable, actor, run.CorrelationId));
                        if (withCredit.Contains(unit.UnitId))
                        {
                            // Its owner is told once the credit is applied, with what is left to pay.
                            chunk.Credited.Add(new CreditedBill(unit, bill, receivable.Id));
                            Announce(chunk.Events, run, unit, bill, notifyOwner: false, now);
                        }
                        else
                        {
                            Announce(chunk.Events, run, unit, bill, notifyOwner: true, now);
                        }
                    }
                }

                await chunks.WriteAsync(chunk, cancellationToken);
                after = units[^1].UnitId;
            }

            chunks.Complete();
        }
        catch (Exception ex)
        {
            chunks.Complete(ex);
        }
    }

    private static void Announce(List<OutboxMessage> events, BillingRun run, BillableUnit unit, Bill bill, bool notifyOwner, DateTimeOffset now)
    {
        events.Add(OutboxDbContextExtensions.ToOutboxMessage(new BillIssued(
            Guid.CreateVersion7(now), now, run.EstateId, run.CorrelationId, bill.Id, run.Id, unit.UnitId, unit.OwnerId, run.FeeItem.Name(), run.Period,
            bill.Total, bill.Currency, bill.DueOn)));
        if (notifyOwner && unit.OwnerId is not null)
        {
            events.Add(OutboxDbContextExtensions.ToOutboxMessage(BillIssuedNotice(run, unit, bill, 0m, now)));
        }
    }

    /// <summary>The owner's notification of a bill: its amount, what the unit's credit settled of it and what is left to pay.</summary>
    internal static NotificationRequested BillIssuedNotice(BillingRun run, BillableUnit unit, Bill bill, decimal credited, DateTimeOffset now) =>
        new(
            Guid.CreateVersion7(now), now, run.EstateId, run.CorrelationId, "owner", unit.OwnerId!.Value, BillingNotifications.BillIssued,
            new Dictionary<string, string>
            {
                ["unitNumber"] = unit.Number,
                ["feeItem"] = run.FeeItem.Name(),
                ["period"] = run.BilledPeriod.ToString(),
                ["amount"] = BillingRounding.Format(bill.Total, bill.Currency),
                ["currency"] = bill.Currency,
                ["dueOn"] = bill.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["billId"] = bill.Id.ToString(),
                ["credited"] = BillingRounding.Format(credited, bill.Currency),
                ["leftToPay"] = BillingRounding.Format(bill.Total - credited, bill.Currency),
            },
            "normal");

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
