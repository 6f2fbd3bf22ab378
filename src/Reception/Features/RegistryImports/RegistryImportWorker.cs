using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.Reception.Features.RegistryImports;

/// <summary>
/// Writes queued imports in the background, one at a time per replica, oldest first. The rows are checked again inside
/// the import's transaction (the registry may have changed since the upload); the whole file is written in that one
/// transaction or, on any error, nothing is and the import is marked failed with its errors. Progress (rows processed)
/// is committed apart from that transaction after every chunk, so it can be read while the import runs.
/// </summary>
/// <remarks>
/// A running import is held by its worker's heartbeat, however long it runs; only one whose heartbeat stopped (its
/// process died) is taken again. Each taking is an attempt, and only the latest attempt may progress, finish or fail
/// it, so a worker that lost its import cannot overwrite what another made of it. An import stopped
/// <see cref="RegistryImport.MaxAttempts"/> times is parked, not tried again.
/// </remarks>
public sealed class RegistryImportWorker(
    IServiceScopeFactory scopes,
    WorkSignal<RegistryImportWorker> signal,
    TimeProvider time,
    ILogger<RegistryImportWorker> logger) : BackgroundService
{
    /// <summary>A queued import wakes its replica's worker at once; the poll only finds imports whose worker died (after <see cref="AbandonedAfter"/>).</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    /// <summary>Several missed heartbeats, so a slow database does not make a live import look dead.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(1);

    /// <summary>One attempt at one import: the attempt number is what proves the import is still this worker's.</summary>
    private readonly record struct Claim(Guid Id, int Attempt);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Claim? claimed = null;
            try
            {
                claimed = await ClaimNextAsync(stoppingToken);
                if (claimed is { } claim)
                {
                    await RunHoldingAsync(claim, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                if (claimed is { } claim)
                {
                    // A deployment is not the file's fault: the next replica starts it afresh, without losing an attempt.
                    await TryFinishAsync(claim, import => import.Return(), CancellationToken.None);
                }

                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Registry import {ImportId} stopped with an error", claimed?.Id);
                if (claimed is { } claim)
                {
                    await TryStopAsync(claim, ex, stoppingToken);
                }
            }

            if (claimed is null)
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Takes the oldest queued (or abandoned) import; replicas skip what another one is claiming. An abandoned import
    /// that has had its attempts is parked on the way.
    /// </summary>
    private async Task<Claim?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReceptionDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            var now = time.GetUtcNow();
            var abandoned = now - AbandonedAfter;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            while (true)
            {
                var next = (await db.RegistryImports
                    .FromSql($"""
                        SELECT * FROM registry_imports
                        WHERE status = 'Queued' OR (status = 'Running' AND coalesce(heartbeat_at, started_at) < {abandoned})
                        ORDER BY requested_at, id
                        LIMIT 1
                        FOR UPDATE SKIP LOCKED
                        """)
                    .IgnoreQueryFilters()
                    .ToListAsync(ct)).SingleOrDefault();
                if (next is null)
                {
                    await transaction.CommitAsync(ct);
                    return (Claim?)null;
                }

                if (next.Status == RegistryImportStatus.Running && next.Attempts >= RegistryImport.MaxAttempts)
                {
                    next.Park("its worker stopped responding", now);
                    await db.SaveChangesAsync(ct);
                    await db.RegistryImportFiles.IgnoreQueryFilters().Where(f => f.ImportId == next.Id).ExecuteDeleteAsync(ct);
                    logger.LogWarning("Registry import {ImportId} was abandoned by its worker {Attempts} times; parked", next.Id, next.Attempts);
                    continue;
                }

                next.Start(now);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                logger.LogInformation("Registry import {ImportId} taken (attempt {Attempt}) {Waited} ms after its upload",
                    next.Id, next.Attempts, (long)(time.GetUtcNow() - next.RequestedAt).TotalMilliseconds);
                return new Claim(next.Id, next.Attempts);
            }
        }, cancellationToken);
    }

    /// <summary>Runs the import while a heartbeat holds it; the run is cancelled if the import is no longer this attempt's.</summary>
    private async Task RunHoldingAsync(Claim claim, CancellationToken stoppingToken)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var stopBeating = new CancellationTokenSource();
        var heartbeat = BeatAsync(claim, held, stopBeating.Token);
        try
        {
            await RunAsync(claim, held.Token);
        }
        finally
        {
            await stopBeating.CancelAsync();
            await heartbeat;
        }
    }

    private async Task BeatAsync(Claim claim, CancellationTokenSource held, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(HeartbeatInterval, time, stop);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<ReceptionDbContext>();
                    var now = time.GetUtcNow();
                    var kept = await Own(db, claim).ExecuteUpdateAsync(s => s.SetProperty(i => i.HeartbeatAt, now), stop);
                    if (kept == 0)
                    {
                        logger.LogWarning("Registry import {ImportId} is no longer attempt {Attempt}'s; stopping it", claim.Id, claim.Attempt);
                        await held.CancelAsync();
                        return;
                    }
                }
                catch (Exception ex) when (!stop.IsCancellationRequested)
                {
                    // A missed beat or two is harmless; if the database stays away this long, the attempt is lost anyway.
                    logger.LogWarning(ex, "Registry import {ImportId}: heartbeat failed", claim.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>The import, while it is still this attempt's: running, and not taken again since.</summary>
    private static IQueryable<RegistryImport> Own(ReceptionDbContext db, Claim claim) =>
        db.RegistryImports.IgnoreQueryFilters()
            .Where(i => i.Id == claim.Id && i.Status == RegistryImportStatus.Running && i.Attempts == claim.Attempt);

    /// <summary>Locks the import's row for the rest of the transaction, if it is still this attempt's.</summary>
    private static async Task<RegistryImport?> LockOwnAsync(ReceptionDbContext db, Claim claim, CancellationToken cancellationToken) =>
        (await db.RegistryImports
            .FromSql($"SELECT * FROM registry_imports WHERE id = {claim.Id} FOR UPDATE")
            .IgnoreQueryFilters()
            .ToListAsync(cancellationToken))
        .SingleOrDefault(i => i.Status == RegistryImportStatus.Running && i.Attempts == claim.Attempt);

    private async Task RunAsync(Claim claim, CancellationToken cancellationToken)
    {
        var id = claim.Id;
        var clock = Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReceptionDbContext>();
        var import = await db.RegistryImports.AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken);
        var file = await db.RegistryImportFiles.AsNoTracking().SingleOrDefaultAsync(f => f.ImportId == id, cancellationToken);
        if (file is null)
        {
            await TryFailAsync(claim, [new RowError(0, RegistryFile.Field, "The uploaded file is gone; upload it again.")], cancellationToken);
            return;
        }

        var loaded = clock.Elapsed;
        IReadOnlyList<ImportRow> rows;
        try
        {
            rows = await RegistryFile.ReadQueuedAsync(import.FileName, file.Content, cancellationToken);
        }
        catch (ValidationFailedException failed)
        {
            await TryFailAsync(claim, [.. failed.Errors.SelectMany(e => e.Value.Select(m => new RowError(0, e.Key, m)))], cancellationToken);
            return;
        }

        var read = clock.Elapsed;
        var planned = TimeSpan.Zero;
        var written = TimeSpan.Zero;
        // Progress goes through a context of its own: committed at once, readable while the import's transaction is open.
        await using var progressScope = scopes.CreateAsyncScope();
        var progressDb = progressScope.ServiceProvider.GetRequiredService<ReceptionDbContext>();
        IReadOnlyList<RowError> errors = [];
        var counts = default(ImportCounts);
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var (plan, found) = await RegistryImportPlan.PrepareAsync(db, import.EstateId, rows, ct);
                errors = found;
                planned = clock.Elapsed;
                if (plan is null)
                {
                    return;
                }

                counts = await RegistryImportWriter.WriteAsync(db, plan, import, time.GetUtcNow(),
                    (processed, c) => Own(progressDb, claim).ExecuteUpdateAsync(s => s.SetProperty(i => i.RowsProcessed, processed), c),
                    ct);
                // Checked under the row's lock, in the transaction that holds the file's rows: they commit only if the
                // import is still this attempt's.
                var finished = await LockOwnAsync(db, claim, ct)
                    ?? throw new InvalidOperationException($"Registry import {id} was taken by another attempt; this one's rows are rolled back.");
                finished.Complete(counts.Buildings, counts.Units, counts.Owners, time.GetUtcNow());
                await db.SaveChangesAsync(ct);
                await db.RegistryImportFiles.Where(f => f.ImportId == id).ExecuteDeleteAsync(ct);
                written = clock.Elapsed;
                await transaction.CommitAsync(ct);
            }, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            errors = [new RowError(0, "", "The registry changed while the file was imported; nothing was stored. Upload it again to see what clashes.")];
        }

        if (errors.Count > 0)
        {
            await TryFailAsync(claim, errors, cancellationToken);
            logger.LogInformation("Registry import {ImportId} failed with {ErrorCount} errors; nothing was stored", id, errors.Count);
            return;
        }

        logger.LogInformation(
            "Registry import {ImportId} stored {Buildings} buildings, {Units} units and {Owners} owners in {Elapsed} ms (loaded in {Loaded} ms, rows read in {Read} ms, checked against the registry in {Checked} ms, written in {Written} ms, committed in {Committed} ms)",
            id, counts.Buildings, counts.Units, counts.Owners, (long)clock.Elapsed.TotalMilliseconds, (long)loaded.TotalMilliseconds,
            (long)(read - loaded).TotalMilliseconds, (long)(planned - read).TotalMilliseconds, (long)(written - planned).TotalMilliseconds,
            (long)(clock.Elapsed - written).TotalMilliseconds);
    }

    /// <summary>The file is wrong: the import fails with its errors, unless another attempt holds it by now.</summary>
    private Task TryFailAsync(Claim claim, IReadOnlyList<RowError> errors, CancellationToken cancellationToken) =>
        TryFinishAsync(claim, import => import.Fail(errors.Take(RegistryImportApi.MaxListedErrors), time.GetUtcNow()), cancellationToken);

    /// <summary>Something else went wrong: queued again for another attempt, or parked after the last.</summary>
    private Task TryStopAsync(Claim claim, Exception error, CancellationToken cancellationToken) =>
        TryFinishAsync(claim, import => import.Stop($"the last: {error.GetType().Name}", time.GetUtcNow()), cancellationToken);

    private async Task TryFinishAsync(Claim claim, Action<RegistryImport> finish, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReceptionDbContext>();
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var import = await LockOwnAsync(db, claim, ct);
                if (import is null)
                {
                    logger.LogWarning("Registry import {ImportId} was taken by another attempt; attempt {Attempt} leaves it as it is", claim.Id, claim.Attempt);
                    return;
                }

                finish(import);
                await db.SaveChangesAsync(ct);
                if (import.Status is not RegistryImportStatus.Queued)
                {
                    await db.RegistryImportFiles.Where(f => f.ImportId == claim.Id).ExecuteDeleteAsync(ct);
                }

                await transaction.CommitAsync(ct);
            }, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Registry import {ImportId} could not be marked finished; it is taken again once its heartbeat is old", claim.Id);
        }
    }
}
