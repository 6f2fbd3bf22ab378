using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Emergencies;
using PropertyPlatform.Reception.Features.Requests;

namespace PropertyPlatform.Reception.Consumers;

/// <summary>What the security gate hands to reception becomes a customer request (channel Patrol), through <see cref="RequestIntake"/>.</summary>
internal static class SecurityGateRequests
{
    public const string SubmittedBy = "system:security-gate";
    public const string RequesterName = "Security gate";

    public static async Task OpenAsync(
        ReceptionDbContext db, Guid estateId, Guid? unitId, RequestCategory category, Urgency urgency, string description,
        DateTimeOffset now, Guid correlationId, CancellationToken cancellationToken)
    {
        var estate = await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estateId, cancellationToken)
            ?? throw new InvalidOperationException($"Estate '{estateId}' is not in the registry.");

        // A unit we do not know is reported as a common area: the description still says where.
        var knownUnit = unitId is { } id && await db.Units.AnyAsync(u => u.Id == id && u.EstateId == estateId, cancellationToken) ? unitId : null;
        var text = description.Length > 4000 ? description[..4000] : description;
        var request = RequestIntake.Open(
            db, estate, new NewRequest(knownUnit, RequestChannel.Patrol, category, urgency, text, RequesterName), SubmittedBy, now, correlationId);
        await EmergencyPlan.RaiseIfEmergencyAsync(db, estate, request, kind: null, cancellationToken);
    }
}
