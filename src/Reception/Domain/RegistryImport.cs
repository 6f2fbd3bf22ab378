using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

public enum RegistryImportStatus
{
    /// <summary>Validated and waiting for the background importer.</summary>
    Queued,
    Running,
    Completed,

    /// <summary>Nothing was stored; <see cref="RegistryImport.Errors"/> says why.</summary>
    Failed,

    /// <summary>
    /// Stopped without finishing <see cref="RegistryImport.MaxAttempts"/> times (an error, or a worker that died with it):
    /// not tried again, so a file that crashes its worker cannot crash every worker in turn. Nothing was stored.
    /// </summary>
    Parked,
}

/// <summary>What is wrong with one cell (or a whole row when <see cref="Column"/> is empty) of an import file.</summary>
public sealed record RowError(int Row, string Column, string Message);

/// <summary>
/// A bulk import of buildings, units and owners from a file, all or nothing. Small files are stored in the request
/// that uploads them; large ones are queued and written in the background, and this record reports their progress.
/// </summary>
public sealed class RegistryImport : IEstateOwned
{
    public const int MaxAttempts = 2;

    private RegistryImport()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public string FileName { get; private set; } = "";

    public RegistryImportStatus Status { get; private set; }

    /// <summary>Data rows in the file (the header row not counted).</summary>
    public int RowsTotal { get; private set; }

    /// <summary>Rows written so far; equals <see cref="RowsTotal"/> once completed.</summary>
    public int RowsProcessed { get; private set; }

    public int BuildingsCreated { get; private set; }

    public int UnitsCreated { get; private set; }

    public int OwnersCreated { get; private set; }

    public List<RowError> Errors { get; private set; } = [];

    /// <summary>The token subject of whoever uploaded the file.</summary>
    public string RequestedBy { get; private set; } = "";

    /// <summary>The upload's correlation id, carried by every event the import raises.</summary>
    public Guid CorrelationId { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>How many times a worker has taken the import; also tells a worker whether the import is still its own.</summary>
    public int Attempts { get; private set; }

    /// <summary>When the running attempt last said it is alive; a running import whose heartbeat stopped is taken again.</summary>
    public DateTimeOffset? HeartbeatAt { get; private set; }

    public static RegistryImport Queue(Guid estateId, string fileName, int rowsTotal, string requestedBy, Guid correlationId, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        FileName = fileName,
        Status = RegistryImportStatus.Queued,
        RowsTotal = rowsTotal,
        RequestedBy = requestedBy,
        CorrelationId = correlationId,
        RequestedAt = at,
    };

    /// <summary>A worker takes the import: a queued one, or a running one whose worker stopped beating.</summary>
    public void Start(DateTimeOffset at)
    {
        if (Status is not (RegistryImportStatus.Queued or RegistryImportStatus.Running))
        {
            throw new InvalidOperationException($"Registry import {Id} is {Status}; only a queued or abandoned import starts.");
        }

        Status = RegistryImportStatus.Running;
        Attempts++;
        StartedAt = at;
        HeartbeatAt = at;
    }

    public void Complete(int buildings, int units, int owners, DateTimeOffset at)
    {
        EnsureRunning();
        Status = RegistryImportStatus.Completed;
        RowsProcessed = RowsTotal;
        BuildingsCreated = buildings;
        UnitsCreated = units;
        OwnersCreated = owners;
        FinishedAt = at;
    }

    public void Fail(IEnumerable<RowError> errors, DateTimeOffset at)
    {
        EnsureRunning();
        Status = RegistryImportStatus.Failed;
        RowsProcessed = 0;
        Errors = [.. errors];
        FinishedAt = at;
    }

    /// <summary>An attempt stopped on an unexpected error: queued again while attempts remain, parked after the last.</summary>
    public void Stop(string error, DateTimeOffset at)
    {
        EnsureRunning();
        RowsProcessed = 0;
        if (Attempts < MaxAttempts)
        {
            Status = RegistryImportStatus.Queued;
            return;
        }

        Park(error, at);
    }

    /// <summary>Its worker is shutting down: queued again, the interrupted attempt not counted against it.</summary>
    public void Return()
    {
        EnsureRunning();
        Status = RegistryImportStatus.Queued;
        RowsProcessed = 0;
        Attempts--;
    }

    /// <summary>Taken again after its last attempt's worker died: parked instead of run.</summary>
    public void Park(string lastError, DateTimeOffset at)
    {
        EnsureRunning();
        Status = RegistryImportStatus.Parked;
        RowsProcessed = 0;
        Errors = [new RowError(0, "", $"Stopped without finishing in {Attempts} attempts ({lastError}); parked, nothing was stored. " +
                                      "Split the file or ask support to look at it.")];
        FinishedAt = at;
    }

    private void EnsureRunning()
    {
        if (Status != RegistryImportStatus.Running)
        {
            // A late attempt must not overwrite what the import's real outcome already is.
            throw new InvalidOperationException($"Registry import {Id} is {Status}, not running.");
        }
    }
}

/// <summary>
/// What a queued import's worker reads: the file's rows as the upload read and checked them (imports queued before
/// that hold the uploaded file itself). Kept apart from the import record (out of the audit trail: it holds personal
/// data) and deleted once the import has finished.
/// </summary>
public sealed class RegistryImportFile : IEstateOwned
{
    private RegistryImportFile()
    {
    }

    public Guid ImportId { get; private set; }

    public Guid EstateId { get; private set; }

    public byte[] Content { get; private set; } = [];

    public static RegistryImportFile Of(RegistryImport import, byte[] content) =>
        new() { ImportId = import.Id, EstateId = import.EstateId, Content = content };
}
