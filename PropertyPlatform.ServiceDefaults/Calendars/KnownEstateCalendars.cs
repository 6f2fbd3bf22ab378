using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.ServiceDefaults.Calendars;

public static class KnownEstateCalendars
{
    /// <summary>
    /// The estate's calendar for work that must be judged in its local time (a local day, a local shift). An estate
    /// reception has not announced to this service yet has no local time to judge by: a conflict (409) the caller can
    /// retry once the announcement has arrived, rather than a guess in another time zone.
    /// </summary>
    public static async Task<EstateCalendar> GetKnownAsync(this IEstateCalendars calendars, Guid estateId, CancellationToken cancellationToken = default) =>
        await calendars.GetAsync(estateId, cancellationToken)
            ?? throw new ConflictException($"Estate '{estateId}' is not known to this service yet (reception announces its calendar); try again shortly.");
}
