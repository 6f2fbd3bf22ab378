using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Features.Requests;

/// <summary>What a new customer request says, however it arrived (the desk, the app, a visit, a patrol, another service).</summary>
public sealed record NewRequest(
    Guid? UnitId,
    RequestChannel Channel,
    RequestCategory Category,
    Urgency Urgency,
    string Description,
    string RequesterName,
    string? RequesterPhone = null);

/// <summary>
/// The one way a customer request enters the system: the request with its deadlines, and what it sets off (a repair
/// goes to maintenance as <see cref="RepairRequested"/>, a complaint opens its <see cref="Complaint"/> record), added to the
/// context so one SaveChanges stores them together.
/// Callers validate input and access first.
/// </summary>
public static class RequestIntake
{
    public static CustomerRequest Open(
        ReceptionDbContext db, Estate estate, NewRequest details, string submittedBy, DateTimeOffset now, Guid correlationId,
        string? submittedByName = null)
    {
        var request = CustomerRequest.Record(
            estate.Id, details.UnitId, details.Channel, details.Category, details.Urgency, details.Description,
            details.RequesterName, details.RequesterPhone, submittedBy, estate.Calendar(), now, correlationId);
        db.Requests.Add(request);

        if (request.Category == RequestCategory.Repair)
        {
            db.AddIntegrationEvent(new RepairRequested(
                EventId: Guid.CreateVersion7(now),
                OccurredAt: now,
                EstateId: request.EstateId,
                CorrelationId: request.CorrelationId,
                RequestId: request.Id,
                UnitId: request.UnitId,
                Description: request.Description,
                Urgency: request.Urgency.ToString()));
        }

        if (request.Category == RequestCategory.Complaint)
        {
            db.Complaints.Add(Complaint.Record(request, new Actor(submittedBy, submittedByName ?? submittedBy)));
        }

        return request;
    }
}
