using PropertyPlatform.Contracts.SecurityGate;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Consumers;

/// <summary>
/// An incident the gate says needs reception becomes a customer request, as urgent as the incident is severe; a safety
/// hazard or facility damage is something to fix, so it is a repair request and goes on to maintenance as a work order.
/// </summary>
public sealed class IncidentReportedConsumer(ReceptionDbContext db, TimeProvider time)
    : IdempotentConsumer<IncidentReported, ReceptionDbContext>(db, time)
{
    protected override async Task HandleAsync(IncidentReported message, CancellationToken cancellationToken)
    {
        if (!message.NeedsReception)
        {
            return;
        }

        await SecurityGateRequests.OpenAsync(
            Db, message.EstateId, message.UnitId, CategoryOf(message.Kind), UrgencyOf(message.Severity),
            $"Incident ({message.Kind}, {message.Severity}) at {message.Location}: {message.Description}",
            Time.GetUtcNow(), message.CorrelationId, cancellationToken);
    }

    public static RequestCategory CategoryOf(string kind) => kind.Trim().ToUpperInvariant() switch
    {
        "SAFETYHAZARD" or "FACILITYDAMAGE" => RequestCategory.Repair,
        _ => RequestCategory.Other,
    };

    public static Urgency UrgencyOf(string severity) => severity.Trim().ToUpperInvariant() switch
    {
        "CRITICAL" => Urgency.Emergency,
        "HIGH" => Urgency.Urgent,
        _ => Urgency.Normal,
    };
}
