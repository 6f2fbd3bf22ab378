using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.SecurityGate.Domain;

/// <summary>A checkpoint of a route: the code on its tag, and when it is due, in minutes after the round starts.</summary>
public sealed record RouteCheckpoint(string Code, string Name, int MinutesFromStart);

/// <summary>
/// A patrol route of an estate: its checkpoints in order, and the estate-local times of day a round starts. Rounds are
/// laid out ahead (<see cref="ScheduledUntil"/>) as one <see cref="CheckpointVisit"/> per checkpoint, each with its deadline.
/// </summary>
public sealed class PatrolRoute : IEstateOwned
{
    private PatrolRoute()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public string Name { get; private set; } = "";

    public List<RouteCheckpoint> Checkpoints { get; private set; } = [];

    /// <summary>Estate-local times of day, every day.</summary>
    public List<TimeOnly> StartTimes { get; private set; } = [];

    /// <summary>Rounds starting up to this instant are laid out.</summary>
    public DateTimeOffset ScheduledUntil { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }

    public static PatrolRoute Create(Guid estateId, string name, IEnumerable<RouteCheckpoint> checkpoints, IEnumerable<TimeOnly> startTimes, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        Name = name,
        Checkpoints = [.. checkpoints],
        StartTimes = [.. startTimes.Distinct().Order()],
        ScheduledUntil = at,
        CreatedAt = at,
    };

    /// <summary>The visits of every round starting after <see cref="ScheduledUntil"/> and by <paramref name="until"/>; moves the mark on.</summary>
    public List<CheckpointVisit> LayOutRounds(DateTimeOffset until, EstateCalendar calendar)
    {
        var visits = new List<CheckpointVisit>();
        if (until <= ScheduledUntil)
        {
            return visits;
        }

        for (var day = calendar.LocalDay(ScheduledUntil); day <= calendar.LocalDay(until); day = day.AddDays(1))
        {
            foreach (var time in StartTimes)
            {
                var start = calendar.ToInstant(day, time);
                if (start > ScheduledUntil && start <= until)
                {
                    visits.AddRange(Checkpoints.Select(c => CheckpointVisit.Expect(this, c, start, calendar)));
                }
            }
        }

        ScheduledUntil = until;
        return visits;
    }
}

/// <summary>
/// One checkpoint of one round: expected at a time, with a deadline on the SLA engine (<see cref="PatrolDeadlines.Checkpoint"/>).
/// Scanned in time, the deadline is met; never scanned, it is breached (missed) and escalates; scanned after it, it is
/// breached too (late) and closed.
/// </summary>
public sealed class CheckpointVisit : IEstateOwned
{
    private CheckpointVisit()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid RouteId { get; private set; }

    public DateTimeOffset RoundStartsAt { get; private set; }

    public string Code { get; private set; } = "";

    public string CheckpointName { get; private set; } = "";

    public DateTimeOffset ExpectedAt { get; private set; }

    public SlaClock Due { get; private set; } = null!;

    public DateTimeOffset? ScannedAt { get; private set; }

    public string? ScannedBy { get; private set; }

    public uint Version { get; private set; }

    public bool Late => ScannedAt > Due.DueAt;

    public static CheckpointVisit Expect(PatrolRoute route, RouteCheckpoint checkpoint, DateTimeOffset roundStart, EstateCalendar calendar)
    {
        var expectedAt = roundStart.AddMinutes(checkpoint.MinutesFromStart);
        return new()
        {
            Id = Guid.CreateVersion7(expectedAt),
            EstateId = route.EstateId,
            RouteId = route.Id,
            RoundStartsAt = roundStart,
            Code = checkpoint.Code,
            CheckpointName = checkpoint.Name,
            ExpectedAt = expectedAt,
            // Started at the expected time: the tolerance is the time the policy gives.
            Due = SlaClock.Start(PatrolDeadlines.Checkpoint, calendar, expectedAt),
        };
    }

    /// <summary>
    /// Records the scan. In time, the deadline is met. Late, it closes only once the breach is on record: until then the
    /// monitor must still see it, so the late checkpoint is flagged like a missed one.
    /// </summary>
    public void Scan(DateTimeOffset at, string by)
    {
        ScannedAt = at;
        ScannedBy = by;
        if (at <= Due.DueAt || Due.BreachedAt is not null)
        {
            Due.Complete(at);
        }
    }

    /// <summary>For the monitor: a late scan whose breach is now recorded closes its deadline (no further escalation).</summary>
    public bool CloseAfterLateScan()
    {
        if (ScannedAt is { } scannedAt && Due.BreachedAt is not null)
        {
            Due.Complete(scannedAt);
            return true;
        }

        return false;
    }
}

public enum ScanOutcome
{
    OnTime,
    Late,
    Unscheduled,
}

/// <summary>A tag scanned by a guard (the authenticated caller). Its id is the device's own, so a resent scan is recognised.</summary>
public sealed class PatrolScan : IEstateOwned
{
    private PatrolScan()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public string Code { get; private set; } = "";

    public string Guard { get; private set; } = "";

    public DateTimeOffset ScannedAt { get; private set; }

    public Guid? VisitId { get; private set; }

    public ScanOutcome Outcome { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public static PatrolScan Record(Guid id, Guid estateId, string code, string guard, DateTimeOffset scannedAt, CheckpointVisit? visit, DateTimeOffset now) => new()
    {
        Id = id,
        EstateId = estateId,
        Code = code,
        Guard = guard,
        ScannedAt = scannedAt,
        VisitId = visit?.Id,
        Outcome = visit is null ? ScanOutcome.Unscheduled : visit.Late ? ScanOutcome.Late : ScanOutcome.OnTime,
        RecordedAt = now,
    };
}

/// <summary>Something a patrol found; handed to reception as <c>PatrolFindingReported</c>.</summary>
public sealed class PatrolFinding : IUnitScoped
{
    private PatrolFinding()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid? UnitId { get; private set; }

    public string Location { get; private set; } = "";

    public string Description { get; private set; } = "";

    public bool NeedsReception { get; private set; }

    public bool NeedsRepair { get; private set; }

    public string ReportedBy { get; private set; } = "";

    public DateTimeOffset ReportedAt { get; private set; }

    public static PatrolFinding Report(
        Guid estateId, Guid? unitId, string location, string description, bool needsReception, bool needsRepair, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        UnitId = unitId,
        Location = location,
        Description = description,
        // A repair is reception's to open: needing one means needing reception.
        NeedsReception = needsReception || needsRepair,
        NeedsRepair = needsRepair,
        ReportedBy = by,
        ReportedAt = at,
    };
}

/// <summary>The gate's deadlines on the SLA engine; each escalates to the security supervisor, then the estate manager.</summary>
public static class PatrolDeadlines
{
    /// <summary>How late a checkpoint may be scanned after its expected time.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(10);

    public static readonly SlaPolicy Checkpoint = new(
        "patrol-checkpoint", SlaTimeBasis.Elapsed, Tolerance, TimeSpan.Zero, SlaPolicy.SecurityChain(toManagerAfter: TimeSpan.FromHours(1)));
}
