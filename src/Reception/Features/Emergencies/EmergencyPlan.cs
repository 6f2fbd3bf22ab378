using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Features.Emergencies;

/// <summary>
/// The emergency plan at intake: an emergency request alerts the supervisor on hr-training's duty roster at that moment and tells
/// maintenance (<see cref="EmergencyReported"/>), in the same save as the request.
/// </summary>
public static class EmergencyPlan
{
    public static async Task<EmergencyAlert?> RaiseIfEmergencyAsync(
        ReceptionDbContext db, Estate estate, CustomerRequest request, EmergencyKind? kind, CancellationToken cancellationToken)
    {
        if (request.Urgency != Urgency.Emergency)
        {
            return null;
        }

        var at = request.ReceivedAt;
        var onDuty = await DutySupervisors.AtAsync(db, estate, at, cancellationToken);
        var alert = EmergencyAlert.Raise(request, kind ?? EmergencyKind.Other, onDuty, estate.Calendar());
        db.EmergencyAlerts.Add(alert);
        db.AddIntegrationEvent(new EmergencyReported(
            Guid.CreateVersion7(at), at, estate.Id, request.CorrelationId, alert.Id, request.Id, request.UnitId, alert.Kind.ToString(),
            request.Description, alert.OnDutySupervisor));
        return alert;
    }
}
