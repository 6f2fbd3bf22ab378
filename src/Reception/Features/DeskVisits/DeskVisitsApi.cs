using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.DeskVisits;

public sealed record RecordDeskVisitCommand(
    Guid? EstateId, Guid? UnitId, string? VisitorName, string? VisitorPhone, string? Purpose, string? Visiting, DateTimeOffset? ArrivedAt = null);

public sealed record DeskVisitResponse(
    Guid Id, Guid EstateId, Guid? UnitId, string VisitorName, string? VisitorPhone, string Purpose, string Visiting, DateTimeOffset ArrivedAt,
    DateTimeOffset? LeftAt);

/// <summary>The front desk's visitor log (登记来访信息): each visitor received and guided, with when they came and left.</summary>
public static class DeskVisitsApi
{
    public static RouteGroupBuilder MapDeskVisitsApi(this RouteGroupBuilder api)
    {
        var visits = api.MapGroup("/desk-visits").WithTags("Front-desk visitor log").RequireRoles(ReceptionRoles.Desk);
        visits.MapPost("/", RecordVisit);
        visits.MapGet("/", ListVisits);
        visits.MapPost("/{id:guid}/leave", Leave);
        return api;
    }

    public static async Task<Created<DeskVisitResponse>> RecordVisit(
        RecordDeskVisitCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var name = errors.Text(command.VisitorName, "visitorName", maxLength: 200);
        var phone = command.VisitorPhone is null ? null : errors.Phone(command.VisitorPhone, "visitorPhone");
        var purpose = errors.Text(command.Purpose, "purpose", maxLength: 500, minLength: 2);
        var visiting = errors.Text(command.Visiting, "visiting", maxLength: 200);
        var arrivedAt = errors.HappenedAt(command.ArrivedAt, "arrivedAt", now);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        if (command.UnitId is { } unitId && !await db.Units.AnyAsync(u => u.Id == unitId && u.EstateId == estateId, cancellationToken))
        {
            throw new ValidationFailedException("unitId", "No such unit in this estate.");
        }

        var visit = DeskVisit.Arrive(estateId, command.UnitId, name, phone, purpose, visiting, arrivedAt, scope.Account());
        db.DeskVisits.Add(visit);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/desk-visits/{visit.Id}", ToResponse(visit, scope));
    }

    /// <summary>An estate's visitor log, newest first; <c>present=true</c> for those still in.</summary>
    public static async Task<Ok<Page<DeskVisitResponse>>> ListVisits(
        ReceptionDbContext db, EstateScope scope, Guid? estateId, bool? present, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.DeskVisits.AsNoTracking();
        query = estateId is null ? query : query.Where(v => v.EstateId == estateId);
        query = present is null ? query : query.Where(v => (v.LeftAt == null) == present);
        return TypedResults.Ok(await query.ToKeysetPageAsync(v => v.ArrivedAt, v => v.Id, cursor, limit, v => ToResponse(v, scope), cancellationToken));
    }

    public static async Task<Ok<DeskVisitResponse>> Leave(Guid id, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var visit = await db.DeskVisits.SingleOrDefaultAsync(v => v.Id == id, cancellationToken) ?? throw new NotFoundException("Visit", id);
        scope.EnsureCanWrite(visit.EstateId);
        visit.Leave(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(visit, scope));
    }

    private static DeskVisitResponse ToResponse(DeskVisit v, EstateScope scope) => new(
        v.Id, v.EstateId, v.UnitId, v.VisitorName, ReceptionRoles.ShownPhone(scope, v.VisitorPhone), v.Purpose, v.Visiting, v.ArrivedAt, v.LeftAt);
}
