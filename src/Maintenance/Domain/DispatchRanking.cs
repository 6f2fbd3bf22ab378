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

/// <summary>One person as the dispatcher sees them: eligible or not, and why, in ranking order.</summary>
public sealed record DispatchCandidate(
    Guid StaffId,
    string Name,
    bool Eligible,
    int? Rank,
    IReadOnlyList<string> Reasons,
    int OpenWorkOrders,
    int OpenInOtherEstates);

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

    /// <summary>Every rule the person meets or fails, in words; <paramref name="eligible"/> when they meet all.</summary>
    public static IReadOnlyList<string> Explain(string trade, CandidateFacts person, out bool eligible)
    {
        var reasons = new List<string>();
        eligible = true;
        if (!person.Employed)
        {
            eligible = false;
            reasons.Add($"employment ended (last day {person.LastDay:yyyy-MM-dd})");
        }

        if (!person.OfTrade)
        {
            eligible = false;
            reasons.Add($"not a {trade} technician");
        }

        switch (person.Certification)
        {
            case null:
                eligible = false;
                reasons.Add($"no {trade} certification");
                break;
            case { State: CertificationState.Revoked }:
                eligible = false;
                reasons.Add($"{trade} certification revoked");
                break;
            case { ValidToday: false } expired:
                eligible = false;
                reasons.Add($"{trade} certification expired (valid until {expired.ValidUntil:yyyy-MM-dd})");
                break;
            case var valid:
                reasons.Add($"{trade} certification valid until {valid.ValidUntil:yyyy-MM-dd}");
                break;
        }

        if (person.OnDuty is { } shift)
        {
            reasons.Add($"on duty ({shift.Shift} shift until {shift.EndsAt:yyyy-MM-dd HH:mm}Z)");
        }
        else
        {
            eligible = false;
            reasons.Add("not on duty now");
        }

        reasons.Add($"{person.OpenWorkOrders} open work orders, {person.OpenInOtherEstates} in other estates");
        return reasons;
    }

    private static DispatchCandidate ToCandidate(CandidateFacts p, IReadOnlyList<string> reasons, bool eligible, int? rank) =>
        new(p.StaffId, p.Name, eligible, rank, reasons, p.OpenWorkOrders, p.OpenInOtherEstates);
}
