using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Sla;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Features.FireSafety;
using PropertyPlatform.SecurityGate.Features.Incidents;
using PropertyPlatform.SecurityGate.Features.Patrols;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.SecurityGate.Consumers;

/// <summary>
/// A patrol checkpoint or a fire check of security-gate missed its deadline: the SLA engine records the breach and
/// publishes <see cref="SlaBreached"/>, and this tells the security supervisor on duty (the inbox makes it once per
/// breach, however often the event arrives). The engine itself notifies nobody; reading its own event back keeps the
/// shared engine unchanged.
/// </summary>
public sealed class DeadlineBreachConsumer(SecurityGateDbContext db, TimeProvider time, IEstateCalendars calendars)
    : IdempotentConsumer<SlaBreached, SecurityGateDbContext>(db, time)
{
    protected override async Task HandleAsync(SlaBreached m, CancellationToken cancellationToken)
    {
        if (m.Service != SecurityGateServiceExtensions.ServiceName || await DescribeAsync(m, cancellationToken) is not { } alert)
        {
            return;
        }

        await SupervisorAlerts.NotifyAsync(Db, calendars, alert, m.CorrelationId, cancellationToken);
    }

    /// <summary>What was missed and where, from the record the deadline was on; null for deadlines that are not the gate's.</summary>
    private async Task<Alert?> DescribeAsync(SlaBreached m, CancellationToken cancellationToken)
    {
        var due = m.DueAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        switch (m.Subject)
        {
            case CheckpointWatch.Subject:
                var visit = await Db.CheckpointVisits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == m.SubjectId, cancellationToken);
                return visit is null ? null : new Alert(
                    m.EstateId, m.OccurredAt, "Patrol checkpoint missed", "Medium", $"{visit.CheckpointName} ({visit.Code})",
                    $"Not scanned by {due}.", visit.Id, "normal", SupervisorAlerts.DeadlineMissed);
            case FireCheckWatch.Subject:
                var check = await Db.FireChecks.AsNoTracking().SingleOrDefaultAsync(c => c.Id == m.SubjectId, cancellationToken);
                return check is null ? null : new Alert(
                    m.EstateId, m.OccurredAt, $"{check.Kind} check missed", "High", check.Location, $"Not done by {due}.", check.Id, "urgent", SupervisorAlerts.DeadlineMissed);
            default:
                return null;
        }
    }
}
