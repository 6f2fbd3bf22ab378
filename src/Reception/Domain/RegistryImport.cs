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
}

/// <summary>What is wrong with one cell (or a whole row when <see cref="Column"/> is empty) of an import file.</summary>
public sealed record RowError(int Row, string Column, string Message);

/// <summary>
/// A bulk import of buildings, units and owners from a file, all or nothing. Small files are stored in the request
/// that uploads them; large ones are queued and written in the background, and this record reports their progress.
/// </summary>
public sealed class RegistryImport : IEstateOwned
{
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

    public void Start(DateTimeOffset at)
    {
        Status = RegistryImportStatus.Running;
        StartedAt = at;
    }

    public void Complete(int buildings, int units, int owners, DateTimeOffset at)
    {
        Status = RegistryImportStatus.Completed;
        RowsProcessed = RowsTotal;
        BuildingsCreated = buildings;
        UnitsCreated = units;
        OwnersCreated = owners;
        FinishedAt = at;
    }

    public void Fail(IEnumerable<RowError> errors, DateTimeOffset at)
    {
        Status = RegistryImportStatus.Failed;
        RowsProcessed = 0;
        Errors = [.. errors];
        FinishedAt = at;
    }
}

/// <summary>
/// The uploaded file of a queued import, kept apart from the import record (out of the audit trail: it holds personal
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
