using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;
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
    internal static async Task<int> AlertAsync(SecurityGateDbContext db, Incident incident, Guid correlationId, CancellationToken cancellationToken)
    {
        var onDuty = (await StaffReadModel.OnDutyAsync(db, incident.EstateId, incident.ReportedAt, cancellationToken))
            .Where(s => s.Holds(PlatformRoles.SecuritySupervisor) && s.EmployedOn(DateOnly.FromDateTime(incident.ReportedAt.UtcDateTime)))
            .Select(s => s.StaffId).ToList();
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
