using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.RegistryImports;

public sealed record RegistryImportResponse(
    Guid Id,
    Guid EstateId,
    string FileName,
    RegistryImportStatus Status,
    int RowsTotal,
    int RowsProcessed,
    int BuildingsCreated,
    int UnitsCreated,
    int OwnersCreated,
    IReadOnlyList<RowError> Errors,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Attempts);

/// <summary>
/// Bulk import of an estate's registry (buildings, units, owners) from a CSV or XLSX file, all or nothing. Every row is
/// checked while the upload waits: any bad row answers 400 listing each failing row and column, and nothing is stored.
/// A file of up to <see cref="InlineRowLimit"/> rows is then stored at once (201); a larger one is queued (202) and
/// written in the background, its progress readable at the import's address.
/// </summary>
public static class RegistryImportApi
{
    public const int InlineRowLimit = 1000;

    /// <summary>At most this many row errors are listed; a file that bad needs fixing at its source anyway.</summary>
    public const int MaxListedErrors = 1000;

    private const string Layout =
        "Upload a .csv (UTF-8, comma-separated) or .xlsx (first worksheet) file as the multipart form field 'file'. " +
        "Row 1 names the columns, in any order: buildingCode, buildingName, number, floor, floorArea, usage (required); " +
        "status, ownerName, ownerPhone, ownerIdNumber (optional). One unit per row: floor -10..200, floorArea in m² with at " +
        "most two decimals, usage Residential|Commercial|Parking|Storage, status Vacant|Occupied|Renovating (default Vacant). " +
        "A building code that is new creates the building; one that exists must carry its registered name. Owner columns " +
        "are all filled or all empty; one owner of several units is the same phone, name and ID number on each of their rows. " +
        "Units that exist already, owners already on the roster and duplicates inside the file are errors. Errors name the " +
        "row as numbered in the file (the header is row 1) and the column.";

    public static RouteGroupBuilder MapRegistryImportApi(this RouteGroupBuilder api)
    {
        api.MapPost("/estates/{estateId:guid}/registry-imports", Import)
            .RequireRoles(ReceptionRoles.RegistryKeepers)
            // Callers authenticate with bearer tokens, never cookies, so a forged cross-site form cannot act for them.
            .DisableAntiforgery()
            .WithTags("Registry")
            .WithSummary("Bulk import of buildings, units and owners from CSV/XLSX. Columns: buildingCode, buildingName, number, floor, " +
                         "floorArea, usage [, status, ownerName, ownerPhone, ownerIdNumber].")
            .WithDescription(Layout);
        var imports = api.MapGroup("/registry-imports").WithTags("Registry");
        imports.MapGet("/{id:guid}", GetImport).RequireRoles(ReceptionRoles.RegistryKeepers)
            .WithSummary("An import's status and progress (rows processed of rows total), and its errors if it failed.");
        imports.MapGet("/", ListImports).RequireRoles(ReceptionRoles.RegistryKeepers);
        return api;
    }

    public static async Task<Results<Created<RegistryImportResponse>, Accepted<RegistryImportResponse>, ValidationProblem>> Import(
        Guid estateId,
        IFormFile? file,
        ReceptionDbContext db,
        EstateScope scope,
        TimeProvider time,
        CorrelationContext correlation,
        WorkSignal<RegistryImportWorker> signal,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        scope.EnsureCanWrite(estateId);
        var clock = Stopwatch.StartNew();
        if (!await db.Estates.AnyAsync(e => e.Id == estateId, cancellationToken))
        {
            throw new NotFoundException("Estate", estateId);
        }

        if (file is null || file.Length == 0)
        {
            throw new ValidationFailedException(RegistryFile.Field, "Required: a .csv or .xlsx file in the multipart form field 'file'.");
        }

        if (file.Length > RegistryFile.MaxBytes)
        {
            throw new ValidationFailedException(RegistryFile.Field, $"At most {RegistryFile.MaxBytes / 1024 / 1024} MB per file; split it.");
        }

        var fileName = Path.GetFileName(file.FileName);
        if (fileName.Length > 200)
        {
            throw new ValidationFailedException(RegistryFile.Field, "The file name is longer than 200 characters.");
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        var received = clock.Elapsed;
        var rows = await RegistryFile.ReadAsync(fileName, content, cancellationToken);
        var read = clock.Elapsed;
        var (plan, errors) = await RegistryImportPlan.PrepareAsync(db, estateId, rows, cancellationToken);
        var checkedAt = clock.Elapsed;
        if (plan is null)
        {
            return RowErrors(errors);
        }

        var now = time.GetUtcNow();
        var import = RegistryImport.Queue(estateId, fileName, rows.Count, scope.Subject ?? "", correlation.CorrelationId, now);
        if (rows.Count > InlineRowLimit)
        {
            db.RegistryImports.Add(import);
            db.RegistryImportFiles.Add(RegistryImportFile.Of(import, RegistryFile.Queued(rows)));
            await db.SaveChangesAsync(cancellationToken);
            signal.Notify();
            loggers.CreateLogger(typeof(RegistryImportApi).FullName!).LogInformation(
                "Registry import {ImportId} of {Rows} rows queued in {Elapsed} ms (file received in {Received} ms, read in {Read} ms, checked against the registry in {Checked} ms, stored in {Stored} ms)",
                import.Id, rows.Count, (long)clock.Elapsed.TotalMilliseconds, (long)received.TotalMilliseconds, (long)(read - received).TotalMilliseconds,
                (long)(checkedAt - read).TotalMilliseconds, (long)(clock.Elapsed - checkedAt).TotalMilliseconds);
            return TypedResults.Accepted($"/api/reception/registry-imports/{import.Id}", ToResponse(import));
        }

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var counts = await RegistryImportWriter.WriteAsync(db, plan, import, now, (_, _) => Task.CompletedTask, ct);
                import.Start(now);
                import.Complete(counts.Buildings, counts.Units, counts.Owners, now);
                db.RegistryImports.Add(import);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Someone registered one of these units or owners after the file was checked: the file no longer fits.
            throw new ConflictException("The registry changed while the file was imported; nothing was stored. Upload it again to see what clashes.");
        }

        return TypedResults.Created($"/api/reception/registry-imports/{import.Id}", ToResponse(import));
    }

    public static async Task<Ok<RegistryImportResponse>> GetImport(Guid id, ReceptionDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.RegistryImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new NotFoundException("Registry import", id)));

    /// <summary>Imports of the caller's estates, newest first, keyset-paged; optionally one estate's.</summary>
    public static async Task<Ok<Page<RegistryImportResponse>>> ListImports(
        ReceptionDbContext db, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.RegistryImports.AsNoTracking();
        query = estateId is null ? query : query.Where(i => i.EstateId == estateId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(i => i.RequestedAt, i => i.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>
    /// 400 with each failing row: <c>errors</c> keyed <c>rows[12].floorArea</c> as for any invalid field, and
    /// <c>rowErrors</c> as a list of { row, column, message }.
    /// </summary>
    private static ValidationProblem RowErrors(IReadOnlyList<RowError> errors)
    {
        var listed = errors.Take(MaxListedErrors).ToList();
        if (errors.Count > listed.Count)
        {
            listed.Add(new RowError(0, "", $"… and {errors.Count - listed.Count} more errors."));
        }

        var byField = listed
            .GroupBy(e => e.Row == 0 ? RegistryFile.Field : $"rows[{e.Row}].{e.Column}")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return TypedResults.ValidationProblem(byField, title: "One or more rows of the file are invalid; nothing was imported.",
            extensions: new Dictionary<string, object?> { ["rowErrors"] = listed });
    }

    internal static RegistryImportResponse ToResponse(RegistryImport i) => new(
        i.Id, i.EstateId, i.FileName, i.Status, i.RowsTotal, i.RowsProcessed, i.BuildingsCreated, i.UnitsCreated, i.OwnersCreated,
        i.Errors, i.RequestedAt, i.StartedAt, i.FinishedAt, i.Attempts);
}
