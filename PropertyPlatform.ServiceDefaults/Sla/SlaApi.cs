using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.ServiceDefaults.Sla;

public sealed record SlaEventResponse(
    Guid Id, Guid EstateId, string Subject, Guid SubjectId, string Policy, SlaEventKind Kind, int Level, string NotifiedRole,
    DateTimeOffset DueAt, DateTimeOffset OccurredAt);

public sealed record SlaCount(string Policy, SlaEventKind Kind, int Count);

/// <summary>What happened to an estate's deadlines in a period, per policy: the numbers reports show.</summary>
public sealed record SlaSummaryResponse(Guid EstateId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SlaCount> Counts);

/// <summary>The SLA events of the service's own database, estate-scoped by its query filter.</summary>
public sealed class SlaEventLog(DbContext db)
{
    public IQueryable<SlaEvent> Events => db.Set<SlaEvent>().AsNoTracking();

    /// <summary>Counts per policy and kind for one estate over [from, to).</summary>
    public async Task<IReadOnlyList<SlaCount>> CountAsync(Guid estateId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var counts = await Events
            .Where(e => e.EstateId == estateId && e.OccurredAt >= from && e.OccurredAt < to)
            .GroupBy(e => new { e.Policy, e.Kind })
            .Select(g => new { g.Key.Policy, g.Key.Kind, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. counts.OrderBy(c => c.Policy, StringComparer.Ordinal).ThenBy(c => c.Kind).Select(c => new SlaCount(c.Policy, c.Kind, c.Count))];
    }
}

/// <summary>
/// The breach list and counts of a service's deadlines, for the people escalations reach: CS supervisors, security
/// supervisors, maintenance supervisors and estate managers of the estate (group admins everywhere).
/// </summary>
public static class SlaApi
{
    public static RouteGroupBuilder MapSlaApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sla-events").WithTags("Deadlines");
        group.MapGet("/", ListSlaEvents).RequireRoles(Readers);
        group.MapGet("/summary", Summarize).RequireRoles(Readers);
        return api;
    }

    private static readonly string[] Readers =
        [PlatformRoles.CustomerServiceSupervisor, PlatformRoles.SecuritySupervisor, PlatformRoles.MaintenanceSupervisor, PlatformRoles.EstateManager];

    /// <summary>An estate's warnings, breaches and escalations (by default breaches), newest first, keyset-paged.</summary>
    public static async Task<Ok<Page<SlaEventResponse>>> ListSlaEvents(
        SlaEventLog log,
        Guid? estateId,
        string? kind,
        string? policy,
        Guid? subjectId,
        string? cursor,
        int? limit,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var kindFilter = kind is null ? SlaEventKind.Breached : errors.Enum<SlaEventKind>(kind, "kind");
        errors.ThrowIfAny();
        var query = log.Events.Where(e => e.Kind == kindFilter);
        if (estateId is not null)
        {
            query = query.Where(e => e.EstateId == estateId);
        }

        if (policy is not null)
        {
            query = query.Where(e => e.Policy == policy);
        }

        if (subjectId is not null)
        {
            query = query.Where(e => e.SubjectId == subjectId);
        }

        var page = await query.ToKeysetPageAsync(e => e.OccurredAt, e => e.Id, cursor, limit, ToResponse, cancellationToken);
        return TypedResults.Ok(page);
    }

    /// <summary>Counts per policy and kind for one estate over [from, to).</summary>
    public static async Task<Ok<SlaSummaryResponse>> Summarize(
        SlaEventLog log, EstateScope scope, Guid? estateId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        if (from is null)
        {
            errors.Add("from", "Required: the start of the period (an instant).");
        }

        if (to is null)
        {
            errors.Add("to", "Required: the end of the period (an instant, exclusive).");
        }
        else if (from is not null && to <= from)
        {
            errors.Add("to", "Must be after 'from'.");
        }

        errors.ThrowIfAny();
        if (!scope.CanSeeEstate(estate))
        {
            throw new NotFoundException("Estate", estate);
        }

        var counts = await log.CountAsync(estate, from!.Value, to!.Value, cancellationToken);
        return TypedResults.Ok(new SlaSummaryResponse(estate, from.Value, to.Value, counts));
    }

    private static SlaEventResponse ToResponse(SlaEvent e) =>
        new(e.Id, e.EstateId, e.Subject, e.SubjectId, e.Policy, e.Kind, e.Level, e.NotifiedRole, e.DueAt, e.OccurredAt);
}
