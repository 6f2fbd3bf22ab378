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
    string? RequesterPhone = null,
    DateTimeOffset? AgreedAppointmentAt = null);

/// <summary>
/// The one way a customer request enters the system: the request with its deadlines, and what it sets off (a repair
/// goes to maintenance as <see cref="RepairRequested"/> with its photos, a complaint opens its <see cref="Complaint"/>
/// record), added to the context so one SaveChanges stores them together. Callers validate input and access first, and
/// pass only photos checked with <see cref="Attachments.AttachmentClaims"/> (tracked by the same context).
/// </summary>
public static class RequestIntake
{
    public static CustomerRequest Open(
        ReceptionDbContext db,
        Estate estate,
        NewRequest details,
        string submittedBy,
        DateTimeOffset now,
        Guid correlationId,
        IReadOnlyList<Attachment>? photos = null,
        string? submittedByName = null)
    {
        var request = CustomerRequest.Record(
            estate.Id, details.UnitId, details.Channel, details.Category, details.Urgency, details.Description,
            details.RequesterName, details.RequesterPhone, submittedBy, estate.Calendar(), now, correlationId);
        if (details.AgreedAppointmentAt is { } agreed)
        {
            request.AgreeAppointment(agreed);
        }

        db.Requests.Add(request);
        foreach (var photo in photos ?? [])
        {
            photo.ClaimFor(request.Id, now);
        }

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
                Urgency: request.Urgency.ToString(),
                AttachmentIds: [.. (photos ?? []).Select(p => p.Id)],
                // None agreed at intake: maintenance proposes one (AppointmentProposed).
                AgreedAppointmentAt: request.AgreedAppointmentAt));
        }

        if (request.Category == RequestCategory.Complaint)
        {
            db.Complaints.Add(Complaint.Record(request, new Actor(submittedBy, submittedByName ?? submittedBy)));
        }

        return request;
    }
}
