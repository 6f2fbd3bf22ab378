using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Domain;

public enum DisciplineStepKind
{
    VerbalWarning,
    WrittenWarning,
    DismissalProposal,
}

public enum DismissalDecision
{
    Pending,
    Confirmed,
    Declined,
}

/// <summary>
/// One breach on a person's file and the step of the ladder it earned (domain.md): the first a verbal warning, the
/// second a written warning kept on file, every later one a dismissal proposal the estate manager decides. A
/// confirmed dismissal ends the employment.
/// </summary>
public sealed class DisciplinaryStep : IEstateOwned
{
    private DisciplinaryStep()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid StaffId { get; private set; }

    /// <summary>1 for the person's first breach, 2 for the second...</summary>
    public int BreachNumber { get; private set; }

    public DateOnly OccurredOn { get; private set; }

    public string Breach { get; private set; } = "";

    public DisciplineStepKind Step { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public string RecordedBy { get; private set; } = "";

    /// <summary>For a dismissal proposal: the estate manager's decision; null for warnings.</summary>
    public DismissalDecision? Decision { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionNote { get; private set; }

    public uint Version { get; private set; }

    /// <summary>The step the <paramref name="breachNumber"/>-th breach earns.</summary>
    public static DisciplineStepKind StepFor(int breachNumber) => breachNumber switch
    {
        <= 1 => DisciplineStepKind.VerbalWarning,
        2 => DisciplineStepKind.WrittenWarning,
        _ => DisciplineStepKind.DismissalProposal,
    };

    public static DisciplinaryStep Record(
        Guid estateId, Guid staffId, int breachNumber, DateOnly occurredOn, string breach, string recordedBy, DateTimeOffset now)
    {
        var step = StepFor(breachNumber);
        return new()
        {
            Id = Guid.CreateVersion7(now),
            EstateId = estateId,
            StaffId = staffId,
            BreachNumber = breachNumber,
            OccurredOn = occurredOn,
            Breach = breach,
            Step = step,
            RecordedAt = now,
            RecordedBy = recordedBy,
            Decision = step == DisciplineStepKind.DismissalProposal ? DismissalDecision.Pending : null,
        };
    }

    public bool Decide(bool confirm, string decidedBy, string note, DateTimeOffset now)
    {
        if (Decision != DismissalDecision.Pending)
        {
            return false;
        }

        Decision = confirm ? DismissalDecision.Confirmed : DismissalDecision.Declined;
        DecidedBy = decidedBy;
        DecidedAt = now;
        DecisionNote = note;
        return true;
    }
}
