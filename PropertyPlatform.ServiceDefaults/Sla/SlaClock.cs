namespace PropertyPlatform.ServiceDefaults.Sla;

/// <summary>What happened to a clock when it was evaluated: the events a service records and publishes.</summary>
public abstract record SlaTransition(DateTimeOffset At);

/// <summary>The deadline is near (<see cref="SlaPolicy.WarningBefore"/>): tell whoever holds the task.</summary>
public sealed record SlaWarned(DateTimeOffset At, DateTimeOffset DueAt) : SlaTransition(At);

/// <summary>The deadline passed with the task open: recorded, counted, and escalated to <paramref name="Role"/>.</summary>
public sealed record SlaBreachedAt(DateTimeOffset At, DateTimeOffset DueAt, string Role) : SlaTransition(At);

/// <summary>Still open later on: the next step of the chain hears about it.</summary>
public sealed record SlaEscalatedTo(DateTimeOffset At, int Level, string Role) : SlaTransition(At);

/// <summary>
/// One deadline of one record (a request, a complaint, a callback...), kept with it: started, paused while waiting
/// for the owner, resumed, met or breached, escalated step by step. Everything is computed from instants the caller
/// passes in (from <see cref="TimeProvider"/>), so tests control time.
/// </summary>
public sealed class SlaClock
{
    private SlaClock()
    {
    }

    public string Policy { get; private set; } = "";

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset WarnAt { get; private set; }

    public DateTimeOffset? WarnedAt { get; private set; }

    /// <summary>While paused: when, and how much time was left then.</summary>
    public DateTimeOffset? PausedAt { get; private set; }

    public TimeSpan? RemainingWhenPaused { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? BreachedAt { get; private set; }

    /// <summary>0 before a breach; the number of escalation steps reached after it.</summary>
    public int EscalationLevel { get; private set; }

    /// <summary>
    /// When <see cref="Evaluate"/> will next have something to report (the warning, the breach, the next escalation
    /// step); null when nothing more can happen (met, paused, fully escalated). Indexed: monitors query by it.
    /// </summary>
    public DateTimeOffset? NextCheckAt { get; private set; }

    /// <summary>
    /// Set when the monitor could not evaluate the clock (stored under a policy its record no longer uses...): it is no
    /// longer due, so it cannot head every batch forever. Repairing the row (and clearing this) is an operator's fix.
    /// </summary>
    public DateTimeOffset? ParkedAt { get; private set; }

    public bool IsRunning => CompletedAt is null && PausedAt is null;

    /// <summary>Met: completed by the deadline (a completed clock that breached is not).</summary>
    public bool Met => CompletedAt is not null && BreachedAt is null && CompletedAt <= DueAt;

    /// <summary>
    /// The staff member (identity account id) answerable for meeting the deadline, if the task has one: carried on
    /// the breach so appraisal can count it against them.
    /// </summary>
    public Guid? ResponsibleId { get; private set; }

    public static SlaClock Start(SlaPolicy policy, EstateCalendar calendar, DateTimeOffset at, Guid? responsibleId = null)
    {
        var clock = new SlaClock { Policy = policy.Name, StartedAt = at, ResponsibleId = responsibleId };
        clock.SetDue(policy, policy.FirstDue(at, calendar));
        return clock;
    }

    /// <summary>The task changes hands: a breach from now on is the new holder's (null: nobody in particular).</summary>
    public void HandTo(Guid? responsibleId) => ResponsibleId = responsibleId;

    /// <summary>Stops the clock while the task waits on someone else (the owner is away); a breach already recorded stays.</summary>
    public void Pause(SlaPolicy policy, EstateCalendar calendar, DateTimeOffset at)
    {
        EnsurePolicy(policy);
        if (!IsRunning)
        {
            return;
        }

        RemainingWhenPaused = policy.Remaining(at, DueAt, calendar);
        PausedAt = at;
        NextCheckAt = null;
    }

    /// <summary>Starts the clock again with the time that was left; the deadline moves accordingly.</summary>
    public void Resume(SlaPolicy policy, EstateCalendar calendar, DateTimeOffset at)
    {
        EnsurePolicy(policy);
        if (PausedAt is null || CompletedAt is not null)
        {
            return;
        }

        var remaining = RemainingWhenPaused ?? TimeSpan.Zero;
        PausedAt = null;
        RemainingWhenPaused = null;
        if (BreachedAt is null)
        {
            SetDue(policy, policy.DueFrom(at, remaining, calendar));
        }
        else
        {
            Schedule(policy);
        }
    }

    /// <summary>The task is done; repeating it changes nothing.</summary>
    public void Complete(DateTimeOffset at)
    {
        if (CompletedAt is null)
        {
            CompletedAt = at;
            PausedAt = null;
            RemainingWhenPaused = null;
            NextCheckAt = null;
        }
    }

    /// <summary>
    /// The task is open again after it was done (cash taken after the day's deposit): the clock runs again to the same
    /// deadline, or, when that has passed, to the policy's next deadline from <paramref name="at"/> (work that arrived after
    /// its deadline cannot have been late for it). A breach already recorded stays recorded.
    /// </summary>
    public void Reopen(SlaPolicy policy, EstateCalendar calendar, DateTimeOffset at)
    {
        EnsurePolicy(policy);
        if (CompletedAt is null)
        {
            return;
        }

        CompletedAt = null;
        if (BreachedAt is null && at >= DueAt)
        {
            SetDue(policy, policy.FirstDue(at, calendar));
        }
        else
        {
            Schedule(policy);
        }
    }

    /// <summary>Sets the clock aside: nothing is checked on it again until the row is repaired.</summary>
    public void Park(DateTimeOffset at)
    {
        ParkedAt = at;
        NextCheckAt = null;
    }

    /// <summary>
    /// The task was done by <paramref name="at"/> at the latest: completes the clock then, or moves a completion recorded
    /// later back to it, when the proof of the earlier one arrived late (events consumed out of order). A breach already
    /// reported stays reported.
    /// </summary>
    public void CompleteBy(DateTimeOffset at)
    {
        if (CompletedAt is null)
        {
            Complete(at);
        }
        else if (at < CompletedAt)
        {
            CompletedAt = at;
        }
    }

    /// <summary>
    /// What has happened by <paramref name="now"/> that had not been reported yet: a warning, the breach, each
    /// escalation step. Evaluating again at the same time reports nothing new.
    /// </summary>
    public IReadOnlyList<SlaTransition> Evaluate(SlaPolicy policy, DateTimeOffset now)
    {
        EnsurePolicy(policy);
        var transitions = new List<SlaTransition>();
        if (!IsRunning)
        {
            // A stopped clock that is still due (a row changed behind the domain's back) must not stay due forever.
            Schedule(policy);
            return transitions;
        }

        if (WarnedAt is null && BreachedAt is null && now >= WarnAt && now < DueAt)
        {
            WarnedAt = now;
            transitions.Add(new SlaWarned(now, DueAt));
        }

        if (BreachedAt is null && now > DueAt)
        {
            BreachedAt = DueAt;
            EscalationLevel = 1;
            transitions.Add(new SlaBreachedAt(DueAt, DueAt, policy.Escalation.Count > 0 ? policy.Escalation[0].Role : ""));
        }

        while (BreachedAt is not null && EscalationLevel < policy.Escalation.Count
               && now >= BreachedAt.Value + policy.Escalation[EscalationLevel].AfterBreach)
        {
            var step = policy.Escalation[EscalationLevel];
            EscalationLevel++;
            transitions.Add(new SlaEscalatedTo(BreachedAt.Value + step.AfterBreach, EscalationLevel, step.Role));
        }

        Schedule(policy);
        return transitions;
    }

    private void SetDue(SlaPolicy policy, DateTimeOffset due)
    {
        DueAt = due;
        var warnAt = due - policy.WarningBefore;
        WarnAt = warnAt > StartedAt ? warnAt : StartedAt;
        WarnedAt = null;
        Schedule(policy);
    }

    private void Schedule(SlaPolicy policy) => NextCheckAt =
        !IsRunning || ParkedAt is not null ? null
        : BreachedAt is null ? (WarnedAt is null && WarnAt < DueAt ? WarnAt : DueAt)
        : EscalationLevel < policy.Escalation.Count ? BreachedAt.Value + policy.Escalation[EscalationLevel].AfterBreach
        : null;

    private void EnsurePolicy(SlaPolicy policy)
    {
        if (policy.Name != Policy)
        {
            throw new InvalidOperationException($"This clock runs under '{Policy}', not '{policy.Name}'.");
        }
    }
}
