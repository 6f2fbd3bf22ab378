using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Staffing;

namespace PropertyPlatform.SecurityGate.Features.Incidents;

/// <summary>
/// What the security supervisor on duty must hear (an emergency, a failed fire check, a missed deadline), found from
/// hr-training's roster and staff records as security-gate holds them, and told through reception's notifications.
/// </summary>
public static class SupervisorAlerts
{
    /// <summary>Reception's template key (its catalogue holds the wording): an emergency, or a safety finding that needs acting on now.</summary>
    [NotificationTemplate]
    public const string SecurityEmergency = "security-emergency";

    /// <summary>Reception's template key: a fire-equipment or fire-lane check found something wrong (the same fields as an emergency).</summary>
    [NotificationTemplate]
    public const string FireCheckFailed = "fire-check-failed";

    /// <summary>Reception's template key: a patrol checkpoint or a fire check was not done by its deadline (the same fields as an emergency).</summary>
    [NotificationTemplate]
    public const string DeadlineMissed = "security-deadline-missed";

    /// <summary>
    /// Queues an urgent <see cref="NotificationRequested"/> about <paramref name="incident"/> to everyone <see cref="RecipientsAsync"/> finds.
    /// </summary>
    internal static Task<int> AlertAsync(
        SecurityGateDbContext db, IEstateCalendars calendars, Incident incident, Guid correlationId, CancellationToken cancellationToken) =>
        NotifyAsync(db, calendars, new Alert(
            incident.EstateId, incident.ReportedAt, incident.Kind.ToString(), incident.Severity.ToString(), incident.Location, incident.Description, incident.Id,
            "urgent"), correlationId, cancellationToken);

    /// <summary>Queues <paramref name="alert"/> (its template, with the <see cref="SecurityEmergency"/> template's fields) to each recipient; returns how many.</summary>
    internal static async Task<int> NotifyAsync(
        SecurityGateDbContext db, IEstateCalendars calendars, Alert alert, Guid correlationId, CancellationToken cancellationToken)
    {
        var recipients = await RecipientsAsync(db, calendars, alert.EstateId, alert.At, cancellationToken);
        foreach (var recipient in recipients)
        {
            db.AddIntegrationEvent(new NotificationRequested(
                Guid.CreateVersion7(alert.At), alert.At, alert.EstateId, correlationId, "staff", recipient, alert.Template,
                new Dictionary<string, string>
                {
                    ["kind"] = alert.Kind,
                    ["severity"] = alert.Severity,
                    ["location"] = alert.Location,
                    ["description"] = alert.Description,
                    ["reportedAt"] = alert.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
                    // The template's link field: the incident, or the record the alert is about.
                    ["incidentId"] = alert.SubjectId.ToString(),
                },
                alert.Urgency));
        }

        return recipients.Count;
    }

    /// <summary>
    /// Who hears it, so nothing goes unheard: the security supervisors on the estate's roster at <paramref name="at"/>;
    /// when none is on duty, every security supervisor of the estate; when the estate has none, its estate manager(s).
    /// Empty only when security-gate knows none of them (hr-training has not announced them).
    /// </summary>
    internal static async Task<IReadOnlyList<Guid>> RecipientsAsync(
        SecurityGateDbContext db, IEstateCalendars calendars, Guid estateId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Never refused: before reception has announced the estate's calendar, its day is the UTC day.
        var calendar = await calendars.GetAsync(estateId, cancellationToken);
        var localDay = calendar?.LocalDay(at) ?? DateOnly.FromDateTime(at.UtcDateTime);
        var onDuty = (await StaffReadModel.OnDutyHoldingAsync(db, estateId, at, localDay, [PlatformRoles.SecuritySupervisor], cancellationToken))
            .Select(s => s.Staff.StaffId).Distinct().ToList();
        if (onDuty.Count > 0)
        {
            return onDuty;
        }

        var ofEstate = await db.Set<KnownStaffMember>().AsNoTracking()
            .Where(s => s.EstateIds.Contains(estateId) && s.LastDay == null).ToListAsync(cancellationToken);
        var supervisors = ofEstate.Where(s => s.Holds(PlatformRoles.SecuritySupervisor)).Select(s => s.StaffId).Distinct().ToList();
        return supervisors.Count > 0 ? supervisors : [.. ofEstate.Where(s => s.Holds(PlatformRoles.EstateManager)).Select(s => s.StaffId).Distinct()];
    }
}

/// <summary>One thing the supervisor must hear: what (<see cref="Kind"/>), how bad, where, the record it is about, and how it is worded.</summary>
internal sealed record Alert(
    Guid EstateId, DateTimeOffset At, string Kind, string Severity, string Location, string Description, Guid SubjectId, string Urgency,
    string Template = SupervisorAlerts.SecurityEmergency);
