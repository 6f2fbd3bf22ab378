namespace PropertyPlatform.HrTraining.Domain;

/// <summary>
/// Who may go on duty (培训合格后方可上岗): a person still employed, working in the estate, with a certification for the
/// duty in that estate valid on every local day the shift touches (a night shift runs into the next morning). The refusal
/// names the person and what is missing.
/// </summary>
public static class DutyGate
{
    /// <summary>
    /// Null when <paramref name="staff"/> may work <paramref name="duty"/> in the estate from <paramref name="day"/> to
    /// <paramref name="lastDay"/> (the same day unless given); otherwise why not.
    /// </summary>
    public static string? Refusal(
        StaffMember staff, IEnumerable<Certification> certifications, Guid estateId, Duty duty, DateOnly day, DateOnly? lastDay = null)
    {
        var until = lastDay ?? day;
        var who = $"{staff.DisplayName} ({staff.Id})";
        if (!staff.IsActive)
        {
            return $"{who}: employment ended on {staff.LastDay:yyyy-MM-dd}; they cannot be put on duty.";
        }

        if (staff.LastDay is { } last && until > last)
        {
            return $"{who}: employment ends on {last:yyyy-MM-dd}; they cannot be put on duty after it.";
        }

        if (!staff.WorksIn(estateId))
        {
            return $"{who} does not work in estate {estateId}.";
        }

        var held = certifications.Where(c => c.StaffId == staff.Id && c.EstateId == estateId && c.Duty == duty).ToList();
        if (held.Any(c => c.IsValidOn(day) && c.IsValidOn(until)))
        {
            return null;
        }

        var days = until == day ? $"on {day:yyyy-MM-dd}" : $"from {day:yyyy-MM-dd} to {until:yyyy-MM-dd}";
        var standing = held.Where(c => !c.IsRevoked).ToList();
        var why = held.Count == 0 ? "none was granted"
            : standing.Count == 0 ? "it was revoked"
            : standing.Any(c => c.ValidFrom > day) ? $"it is valid only from {standing.Min(c => c.ValidFrom):yyyy-MM-dd}"
            : $"it ends on {standing.Max(c => c.ValidUntil):yyyy-MM-dd}";
        return $"{who} has no valid certification for {duty} {days} ({why}): nobody goes on duty before passing the training.";
    }
}
