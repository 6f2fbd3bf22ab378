using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.Reception.Features.RegistryImports;

/// <summary>
/// Writes queued imports in the background, one at a time per replica, oldest first. The rows are checked again inside
/// the import's transaction (the registry may have changed since the upload); the whole file is written in that one
/// transaction or, on any error, nothing is and the import is marked failed with its errors. Progress (rows processed)
/// is committed apart from that transaction after every chunk, so it can be read while the import runs.
/// </summary>
public sealed class RegistryImportWorker(
    IServiceScopeFactory scopes,
    RegistryImportSignal signal,
    TimeProvider time,
    ILogger<RegistryImportWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    /// <summary>An import still running after this long died with its process (its transaction rolled back): run it again.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Guid? claimed = null;
            try
            {
                claimed = await ClaimNextAsync(stoppingToken);
                if (claimed is { } id)
                {
                    await RunAsync(id, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Registry import {ImportId} stopped with an error", claimed);
                if (claimed is { } id)
                {
                    await TryFailAsync(id, [new RowError(0, "", "An unexpected error stopped the import; nothing was stored.")], stoppingToken);
                }
            }

            if (claimed is null)
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Takes the oldest queued (or stale) import; replicas skip what another one holds.</summary>
    private async Task<Guid?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReceptionDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            var now = time.GetUtcNow();
            var stale = now - StaleAfter;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var next = (await db.RegistryImports
                .FromSql($"""
                    SELECT * FROM registry_imports
                    WHERE status = 'Queued' OR (status = 'Running' AND started_at < {stale})
                    ORDER BY requested_at, id
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED
                    """)
                .IgnoreQueryFilters()
                .ToListAsync(ct)).SingleOrDefault();
            if (next is null)
            {
                return (Guid?)null;
            }

            next.Start(now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return next.Id;
        }, cancellationToken);
    }

    private async Task RunAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReceptionDbContext>();
        var import = await db.RegistryImports.AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken);
        var file = await db.RegistryImportFiles.AsNoTracking().SingleOrDefaultAsync(f => f.ImportId == id, cancellationToken);
        if (file is null)
        {
            await TryFailAsync(id, [new RowError(0, RegistryFile.Field, "The uploaded file is gone; upload it again.")], cancellationToken);
            return;
        }

        IReadOnlyList<ImportRow> rows;
        try
        {
            rows = await RegistryFile.ReadAsync(import.FileName, file.Content, cancellationToken);
        }
        catch (ValidationFailedException failed)
        {
            await TryFailAsync(id, [.. failed.Errors.SelectMany(e => e.Value.Select(m => new RowError(0, e.Key, m)))], cancellationToken);
            return;
        }

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
                if (plan is null)
                {
                    return;
                }

                counts = await RegistryImportWriter.WriteAsync(db, plan, import.CorrelationId, time.GetUtcNow(),
                    (processed, c) => progressDb.RegistryImports.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.RowsProcessed, processed), c),
                    ct);
                var finished = await db.RegistryImports.SingleAsync(i => i.Id == id, ct);
                finished.Complete(counts.Buildings, counts.Units, counts.Owners, time.GetUtcNow());
                await db.SaveChangesAsync(ct);
                await db.RegistryImportFiles.Where(f => f.ImportId == id).ExecuteDeleteAsync(ct);
                await transaction.CommitAsync(ct);
            }, cancellationToken);
        }
        catch (DbUpdateException ex) when (RegistryImportWriter.IsUniqueViolation(ex))
        {
            errors = [new RowError(0, "", "The registry changed while the file was imported; nothing was stored. Upload it again to see what clashes.")];
        }

        if (errors.Count > 0)
        {
            await TryFailAsync(id, errors, cancellationToken);
            logger.LogInformation("Registry import {ImportId} failed with {ErrorCount} errors; nothing was stored", id, errors.Count);
            return;
        }

        logger.LogInformation("Registry import {ImportId} stored {Buildings} buildings, {Units} units and {Owners} owners",
            id, counts.Buildings, counts.Units, counts.Owners);
    }

    private async Task TryFailAsync(Guid id, IReadOnlyList<RowError> errors, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReceptionDbContext>();
            var import = await db.RegistryImports.SingleAsync(i => i.Id == id, cancellationToken);
            import.Fail(errors.Take(RegistryImportApi.MaxListedErrors), time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await db.RegistryImportFiles.Where(f => f.ImportId == id).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Registry import {ImportId} could not be marked failed; it runs again once stale", id);
        }
    }
}
