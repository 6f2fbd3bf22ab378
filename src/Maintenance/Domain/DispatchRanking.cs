using PropertyPlatform.ServiceDefaults.Staffing;

namespace PropertyPlatform.Maintenance.Domain;

/// <summary>What maintenance knows about one person when it dispatches a work order of <c>trade</c> in an estate.</summary>
public sealed record CandidateFacts(
    Guid StaffId,
    string Name,
    bool Employed,
    DateOnly? LastDay,
    bool OfTrade,
    TradeCertificationFact? Certification,
    DutyShiftFact? OnDuty,
    int OpenWorkOrders,
    int OpenInOtherEstates);

/// <summary>The person's best certification for the trade: valid today, or why not.</summary>
public sealed record TradeCertificationFact(CertificationState State, DateOnly ValidUntil, bool ValidToday);

public sealed record DutyShiftFact(string Shift, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>
/// One person as the dispatcher sees them: eligible or not, and why, in ranking order. <see cref="Reasons"/> says it in
/// English words (API clients read them); <see cref="Explanation"/> says the same reasons, one for one, without words, so a
/// screen can say them in its reader's language and clock.
/// </summary>
public sealed record DispatchCandidate(
    Guid StaffId,
    string Name,
    bool Eligible,
    int? Rank,
    IReadOnlyList<string> Reasons,
    int OpenWorkOrders,
    int OpenInOtherEstates,
    IReadOnlyList<DispatchReason> Explanation);

/// <summary>
/// One rule of dispatch the person meets or fails, as a <see cref="Code"/> of <see cref="DispatchReasonCodes"/> and the
/// values it names: the trade, a date (last day, valid until), the instant a shift ends and its name, the open work orders
/// and how many of them are in other estates.
/// </summary>
public sealed record DispatchReason(
    string Code,
    string? Trade = null,
    DateOnly? Date = null,
    DateTimeOffset? Until = null,
    string? Shift = null,
    int? Count = null,
    int? Other = null)
{
    /// <summary>The reason in the English words maintenance has always given.</summary>
    public string English => Code switch
    {
        DispatchReasonCodes.EmploymentEnded => $"employment ended (last day {Date:yyyy-MM-dd})",
        DispatchReasonCodes.NotOfTrade => $"not a {Trade} technician",
        DispatchReasonCodes.NoCertification => $"no {Trade} certification",
        DispatchReasonCodes.CertificationRevoked => $"{Trade} certification revoked",
        DispatchReasonCodes.CertificationExpired => $"{Trade} certification expired (valid until {Date:yyyy-MM-dd})",
        DispatchReasonCodes.CertificationValid => $"{Trade} certification valid until {Date:yyyy-MM-dd}",
        DispatchReasonCodes.OnDuty => $"on duty ({Shift} shift until {Until:yyyy-MM-dd HH:mm}Z)",
        DispatchReasonCodes.NotOnDuty => "not on duty now",
        DispatchReasonCodes.OpenWorkOrders => $"{Count} open work orders, {Other} in other estates",
        _ => Code,
    };
}

/// <summary>The codes of <see cref="DispatchReason"/>: a new rule adds a code, an existing code never changes meaning.</summary>
public static class DispatchReasonCodes
{
    public const string EmploymentEnded = "employment-ended";
    public const string NotOfTrade = "not-of-trade";
    public const string NoCertification = "no-certification";
    public const string CertificationRevoked = "certification-revoked";
    public const string CertificationExpired = "certification-expired";
    public const string CertificationValid = "certification-valid";
    public const string OnDuty = "on-duty";
    public const string NotOnDuty = "not-on-duty";
    public const string OpenWorkOrders = "open-work-orders";
}

/// <summary>
/// Who may take a work order of a trade, and in which order: a technician of the trade, employed, holding a certification
/// for it valid today, and on duty now. The eligible are ranked by their open work orders (fewest first), then by how
/// many of those are in other estates (someone already working here comes before someone who must travel), then by name.
/// </summary>
public static class DispatchRanking
{
    public static IReadOnlyList<DispatchCandidate> Rank(string trade, IEnumerable<CandidateFacts> people)
    {
        var explained = people.Select(p => (Facts: p, Reasons: Explain(trade, p, out var eligible), Eligible: eligible)).ToList();
        var eligibleInOrder = explained.Where(e => e.Eligible)
            .OrderBy(e => e.Facts.OpenWorkOrders)
            .ThenBy(e => e.Facts.OpenInOtherEstates)
            .ThenBy(e => e.Facts.Name, StringComparer.Ordinal)
            .ThenBy(e => e.Facts.StaffId)
            .ToList();
        var ineligible = explained.Where(e => !e.Eligible).OrderBy(e => e.Facts.Name, StringComparer.Ordinal).ThenBy(e => e.Facts.StaffId);
        return
        [
            .. eligibleInOrder.Select((e, i) => ToCandidate(e.Facts, e.Reasons, eligible: true, i + 1)),
            .. ineligible.Select(e => ToCandidate(e.Facts, e.Reasons, eligible: false, null)),
        ];
    }

    /// <summary>Every rule the person meets or fails; <paramref name="eligible"/> when they meet all.</summary>
    public static IReadOnlyList<DispatchReason> Explain(string trade, CandidateFacts person, out bool eligible)
    {
        var reasons = new List<DispatchReason>();
        eligible = true;
        if (!person.Employed)
        {
            eligible = false;
            reasons.Add(new(DispatchReasonCodes.EmploymentEnded, Date: person.LastDay));
        }

        if (!person.OfTrade)
        {
            eligible = false;
            reasons.Add(new(DispatchReasonCodes.NotOfTrade, trade));
        }

        switch (person.Certification)
        {
            case null:
                eligible = false;
                reasons.Add(new(DispatchReasonCodes.NoCertification, trade));
                break;
            case { State: CertificationState.Revoked }:
                eligible = false;
                reasons.Add(new(DispatchReasonCodes.CertificationRevoked, trade));
                break;
            case { ValidToday: false } expired:
                eligible = false;
                reasons.Add(new(DispatchReasonCodes.CertificationExpired, trade, expired.ValidUntil));
                break;
            case var valid:
                reasons.Add(new(DispatchReasonCodes.CertificationValid, trade, valid.ValidUntil));
                break;
        }

        if (person.OnDuty is { } shift)
        {
            reasons.Add(new(DispatchReasonCodes.OnDuty, Until: shift.EndsAt, Shift: shift.Shift));
        }
        else
        {
            eligible = false;
            reasons.Add(new(DispatchReasonCodes.NotOnDuty));
        }

        reasons.Add(new(DispatchReasonCodes.OpenWorkOrders, Count: person.OpenWorkOrders, Other: person.OpenInOtherEstates));
        return reasons;
    }

    private static DispatchCandidate ToCandidate(CandidateFacts p, IReadOnlyList<DispatchReason> reasons, bool eligible, int? rank) =>
        new(p.StaffId, p.Name, eligible, rank, [.. reasons.Select(r => r.English)], p.OpenWorkOrders, p.OpenInOtherEstates, reasons);
}
