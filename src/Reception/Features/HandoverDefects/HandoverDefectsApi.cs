using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.HandoverDefects;

public sealed record RecordDefectCommand(string? Location, string? Description, string? Urgency = null);

/// <summary>The on-site check of a fix: passed, or failed with what is still wrong.</summary>
public sealed record CheckDefectCommand(bool? Passed, string? Note);

public sealed record DefectResponse(
    Guid Id, Guid EstateId, Guid UnitId, string Location, string Description, Guid RequestId, RequestStatus RepairStatus, Guid? WorkOrderId,
    HandoverDefectStatus Status, DateTimeOffset RecordedAt, int FailedChecks, DateTimeOffset? VerifiedAt, string? LastCheckNote);

/// <summary>
/// Defects left at the handover of a new unit: each opens a repair request (so a work order in maintenance) and is
/// followed until the desk verifies the fix on site; a failed check reopens the repair (<see cref="RequestReopened"/>).
/// </summary>
public static class HandoverDefectsApi
{
    public static RouteGroupBuilder MapHandoverDefectsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/units/{unitId:guid}/handover-defects", RecordDefect).WithTags("Handover defects").RequireRoles(ReceptionRoles.Desk);
        var defects = api.MapGroup("/handover-defects").WithTags("Handover defects");
        defects.MapGet("/", ListDefects).RequireRoles([.. ReceptionRoles.Desk, PlatformRoles.Owner]);
        defects.MapGet("/{id:guid}", GetDefect).RequireRoles([.. ReceptionRoles.Desk, PlatformRoles.Owner]);
        defects.MapPost("/{id:guid}/check", CheckFix).RequireRoles(ReceptionRoles.Desk);
        return api;
    }

    public static async Task<Created<DefectResponse>> RecordDefect(
        Guid unitId, RecordDefectCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CorrelationContext correlation,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var location = errors.Text(command.Location, "location", maxLength: 100);
        var description = errors.Text(command.Description, "description", maxLength: 2000, minLength: 3);
        var urgency = command.Urgency is null ? Urgency.Normal : errors.Enum<Urgency>(command.Urgency, "urgency");
        if (urgency == Urgency.Emergency)
        {
            errors.Add("urgency", "An emergency is reported as one (POST /requests with its kind), not as a handover defect.");
        }

        errors.ThrowIfAny();
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken) ?? throw new NotFoundException("Unit", unitId);
        scope.EnsureCanWrite(unit.EstateId);
        var estate = await db.Estates.AsNoTracking().SingleAsync(e => e.Id == unit.EstateId, cancellationToken);
        var now = time.GetUtcNow();
        var request = RequestIntake.Open(
            db, estate,
            new NewRequest(unitId, RequestChannel.WalkIn, RequestCategory.Repair, urgency, $"Handover defect ({location}): {description}", scope.DisplayName()),
            scope.Account(), now, correlation.CorrelationId, submittedByName: scope.Name);
        var defect = HandoverDefect.Record(unit.EstateId, unitId, location, description, request.Id, scope.Account(), now);
        db.HandoverDefects.Add(defect);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/handover-defects/{defect.Id}", ToResponse(defect, request));
    }

    /// <summary>The defects the caller may see (an owner: their units'), newest first; by estate, unit, or only the open ones.</summary>
    public static async Task<Ok<Page<DefectResponse>>> ListDefects(
        ReceptionDbContext db, Guid? estateId, Guid? unitId, bool? open, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.HandoverDefects.AsNoTracking();
        query = estateId is null ? query : query.Where(d => d.EstateId == estateId);
        query = unitId is null ? query : query.Where(d => d.UnitId == unitId);
        query = open is null ? query : query.Where(d => (d.Status == HandoverDefectStatus.Open) == open);
        var page = await query.ToKeysetPageAsync(d => d.RecordedAt, d => d.Id, cursor, limit, d => d, cancellationToken);
        // The repairs of the page in one query, not one per defect.
        var requestIds = page.Items.Select(d => d.RequestId).ToList();
        var requests = await db.Requests.AsNoTracking().Where(r => requestIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        return TypedResults.Ok(new Page<DefectResponse>([.. page.Items.Select(d => ToResponse(d, requests[d.RequestId]))], page.NextCursor));
    }

    public static async Task<Ok<DefectResponse>> GetDefect(Guid id, ReceptionDbContext db, CancellationToken cancellationToken)
    {
        var defect = await db.HandoverDefects.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) ?? throw new NotFoundException("Handover defect", id);
        var request = await db.Requests.AsNoTracking().SingleAsync(r => r.Id == defect.RequestId, cancellationToken);
        return TypedResults.Ok(ToResponse(defect, request));
    }

    /// <summary>Checks the fix on site once the repair is done: passed closes the defect, failed reopens the repair.</summary>
    public static async Task<Ok<DefectResponse>> CheckFix(
        Guid id, CheckDefectCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (command.Passed is null)
        {
            errors.Add("passed", "Required: whether the fix passed the check on site.");
        }

        var note = command.Passed == false ? errors.Text(command.Note, "note", maxLength: 2000) : errors.OptionalText(command.Note, "note", maxLength: 2000);
        errors.ThrowIfAny();
        var defect = await db.HandoverDefects.SingleOrDefaultAsync(d => d.Id == id, cancellationToken) ?? throw new NotFoundException("Handover defect", id);
        scope.EnsureCanWrite(defect.EstateId);
        var request = await db.Requests.SingleAsync(r => r.Id == defect.RequestId, cancellationToken);
        var now = time.GetUtcNow();
        defect.Check(command.Passed!.Value, note ?? "", request.Status, scope.Account(), now);
        if (command.Passed == false)
        {
            request.Reopen();
            db.AddIntegrationEvent(new RequestReopened(
                Guid.CreateVersion7(now), now, request.EstateId, request.CorrelationId, request.Id, request.WorkOrderId, $"Handover defect not fixed: {note}"));
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(defect, request));
    }

    private static DefectResponse ToResponse(HandoverDefect d, CustomerRequest request) => new(
        d.Id, d.EstateId, d.UnitId!.Value, d.Location, d.Description, d.RequestId, request.Status, request.WorkOrderId, d.Status, d.RecordedAt,
        d.FailedChecks, d.VerifiedAt, d.LastCheckNote);
}
