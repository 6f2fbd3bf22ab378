using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Domain;

/// <summary>A subcontractor an estate outsources work to (elevator maintenance, fire systems, greening), reviewed every quarter.</summary>
public sealed class Vendor : IEstateOwned
{
    private Vendor()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>What they are engaged for, as <see cref="Trades"/>.</summary>
    public List<string> Trades { get; private set; } = [];

    public string ContactName { get; private set; } = "";

    public string Phone { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public static Vendor Register(Guid estateId, string name, IEnumerable<string> trades, string contactName, string phone, Actor by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        Name = name,
        Trades = [.. trades],
        ContactName = contactName,
        Phone = phone,
        CreatedAt = at,
        CreatedBy = by.Subject,
    };
}

public enum OutsourcedJobStatus
{
    /// <summary>Given to the vendor; no progress reported yet.</summary>
    Commissioned,

    InProgress,

    /// <summary>The vendor reports it finished (100 %): waiting for the estate's acceptance.</summary>
    Finished,

    Accepted,

    /// <summary>Not accepted, with a reason: the vendor works on it again.</summary>
    Rejected,
}

/// <summary>A progress report on an outsourced job.</summary>
public sealed record JobProgress(int Number, int Percent, string Note, DateTimeOffset At, string By);

/// <summary>
/// Work outsourced to a vendor, for a work order or a plan's task: progress reported until the vendor finishes, then
/// accepted by the estate, or rejected with a reason and worked on again.
/// </summary>
public sealed class OutsourcedJob : IEstateOwned
{
    private readonly List<JobProgress> _progress = [];

    private OutsourcedJob()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid VendorId { get; private set; }

    public Guid? WorkOrderId { get; private set; }

    public Guid? PlanTaskId { get; private set; }

    public string Scope { get; private set; } = "";

    public DateOnly? DueOn { get; private set; }

    public OutsourcedJobStatus Status { get; private set; }

    public int Percent { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset? AcceptedAt { get; private set; }

    public string? AcceptedBy { get; private set; }

    public string? RejectionReason { get; private set; }

    public int Rejections { get; private set; }

    public IReadOnlyList<JobProgress> Progress => _progress;

    public uint Version { get; private set; }

    public static OutsourcedJob Commission(
        Vendor vendor, Guid? workOrderId, Guid? planTaskId, string scope, DateOnly? dueOn, Actor by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = vendor.EstateId,
        VendorId = vendor.Id,
        WorkOrderId = workOrderId,
        PlanTaskId = planTaskId,
        Scope = scope,
        DueOn = dueOn,
        Status = OutsourcedJobStatus.Commissioned,
        CreatedAt = at,
        CreatedBy = by.Subject,
    };

    /// <summary>The vendor's progress; 100 % means finished and waiting for acceptance.</summary>
    public void ReportProgress(int percent, string note, Actor by, DateTimeOffset at)
    {
        if (Status is OutsourcedJobStatus.Finished or OutsourcedJobStatus.Accepted)
        {
            throw new ConflictException($"The job is {Status}; progress can be reported only while it is worked on.");
        }

        Percent = percent;
        Status = percent == 100 ? OutsourcedJobStatus.Finished : OutsourcedJobStatus.InProgress;
        _progress.Add(new JobProgress(_progress.Count + 1, percent, note, at, by.Subject));
    }

    public void Accept(Actor by, DateTimeOffset at)
    {
        EnsureFinished("accepted");
        Status = OutsourcedJobStatus.Accepted;
        AcceptedAt = at;
        AcceptedBy = by.Subject;
    }

    public void Reject(string reason)
    {
        EnsureFinished("rejected");
        Status = OutsourcedJobStatus.Rejected;
        RejectionReason = reason;
        Rejections++;
    }

    private void EnsureFinished(string step)
    {
        if (Status != OutsourcedJobStatus.Finished)
        {
            throw new ConflictException($"The job is {Status}; it can be {step} only once the vendor reports it finished.");
        }
    }
}

/// <summary>One criterion of a vendor's quarterly review, scored 1 (poor) to 5 (excellent).</summary>
public sealed record ReviewScore(string Criterion, int Score);

/// <summary>The quarterly review of a vendor: one per vendor and quarter; the overall score is the criteria's mean on a 0-100 scale.</summary>
public sealed class VendorReview : IEstateOwned
{
    /// <summary>What every review scores.</summary>
    public static readonly IReadOnlyList<string> Criteria = ["quality", "timeliness", "safety", "cooperation"];

    private VendorReview()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid VendorId { get; private set; }

    public int Year { get; private set; }

    public int Quarter { get; private set; }

    public List<ReviewScore> Scores { get; private set; } = [];

    public decimal Overall { get; private set; }

    public string? Notes { get; private set; }

    public DateTimeOffset ReviewedAt { get; private set; }

    public string ReviewedBy { get; private set; } = "";

    public static VendorReview Record(Vendor vendor, int year, int quarter, IReadOnlyList<ReviewScore> scores, string? notes, Actor by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = vendor.EstateId,
        VendorId = vendor.Id,
        Year = year,
        Quarter = quarter,
        Scores = [.. scores],
        Overall = Math.Round(scores.Average(s => (decimal)s.Score) * 20, 1),
        Notes = notes,
        ReviewedAt = at,
        ReviewedBy = by.Subject,
    };
}
