using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.ServiceDefaults.Auditing;

public sealed record AuditEntryResponse(
    Guid Id,
    DateTimeOffset OccurredAt,
    string Actor,
    string? ActorName,
    Guid? EstateId,
    string EntityType,
    string EntityId,
    AuditAction Action,
    string Changes,
    Guid? CorrelationId,
    string? Operation);

/// <summary>The audit entries of the service's own database (registered by <c>AddServiceDatabase</c>).</summary>
public sealed class AuditTrail(DbContext db)
{
    public IQueryable<AuditEntry> Entries => db.Set<AuditEntry>().AsNoTracking();
}

/// <summary>The audit trail of a service, for managers: their estates' changes, newest first, keyset-paged.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAuditEntries)
            .WithTags("Audit")
            .RequireRoles(PlatformRoles.EstateManager);
        return api;
    }

    public static async Task<Ok<Page<AuditEntryResponse>>> ListAuditEntries(
        AuditTrail trail,
        EstateScope scope,
        Guid? estateId,
        string? entityType,
        string? entityId,
        string? cursor,
        int? limit,
        CancellationToken cancellationToken)
    {
        var estates = scope.EstateIds;
        var query = trail.Entries;
        if (estateId is not null)
        {
            query = query.Where(a => a.EstateId == estateId);
        }

        if (entityType is not null)
        {
            query = query.Where(a => a.EntityType == entityType);
        }

        if (entityId is not null)
        {
            query = query.Where(a => a.EntityId == entityId);
        }

        // Entries without an estate (accounts, settings) are for group roles only.
        query = scope.SeesAllEstates ? query : query.Where(a => a.EstateId != null && estates.Contains(a.EstateId.Value));
        var page = await query.ToKeysetPageAsync(a => a.OccurredAt, a => a.Id, cursor, limit, ToResponse, cancellationToken);
        return TypedResults.Ok(page);
    }

    private static AuditEntryResponse ToResponse(AuditEntry a) =>
        new(a.Id, a.OccurredAt, a.Actor, a.ActorName, a.EstateId, a.EntityType, a.EntityId, a.Action, a.Changes, a.CorrelationId, a.Operation);
}
