using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Staffing;

namespace PropertyPlatform.SecurityGate.Features.Incidents;

/// <summary>An emergency goes to the security supervisor on duty, from hr-training's roster, through reception's notifications.</summary>
public static class SupervisorAlerts
{
    /// <summary>Reception's template key (its catalogue holds the wording).</summary>
    public const string SecurityEmergency = "security-emergency";

    /// <summary>
    /// Queues an urgent <see cref="NotificationRequested"/> to each security supervisor on the estate's roster now; when
    /// the roster has none on duty, to every security supervisor of the estate, so an emergency never goes unheard.
    /// </summary>
    internal static async Task<int> AlertAsync(
        SecurityGateDbContext db, IEstateCalendars calendars, Incident incident, Guid correlationId, CancellationToken cancellationToken)
    {
        // An emergency is never refused: before reception has announced the estate's calendar, its day is the UTC day.
        var calendar = await calendars.GetAsync(incident.EstateId, cancellationToken);
        var localDay = calendar?.LocalDay(incident.ReportedAt) ?? DateOnly.FromDateTime(incident.ReportedAt.UtcDateTime);
        var onDuty = (await StaffReadModel.OnDutyHoldingAsync(
                db, incident.EstateId, incident.ReportedAt, localDay, [PlatformRoles.SecuritySupervisor], cancellationToken))
            .Select(s => s.Staff.StaffId).Distinct().ToList();
        if (onDuty.Count == 0)
        {
            var ofEstate = await db.Set<KnownStaffMember>().AsNoTracking()
                .Where(s => s.EstateIds.Contains(incident.EstateId) && s.LastDay == null).ToListAsync(cancellationToken);
            onDuty = [.. ofEstate.Where(s => s.Holds(PlatformRoles.SecuritySupervisor)).Select(s => s.StaffId)];
        }

        foreach (var supervisor in onDuty)
        {
            db.AddIntegrationEvent(new NotificationRequested(
                Guid.CreateVersion7(incident.ReportedAt), incident.ReportedAt, incident.EstateId, correlationId, "staff", supervisor, SecurityEmergency,
                new Dictionary<string, string>
                {
                    ["kind"] = incident.Kind.ToString(),
                    ["severity"] = incident.Severity.ToString(),
                    ["location"] = incident.Location,
                    ["description"] = incident.Description,
                    ["reportedAt"] = incident.ReportedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
                    ["incidentId"] = incident.Id.ToString(),
                },
                "urgent"));
        }

        return onDuty.Count;
    }
}
