using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.SecurityGate;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Features.Incidents;

/// <summary>
/// An incident. <c>emergency</c> defaults to true for a fire, a medical case or a critical severity; <c>needsReception</c>
/// to true for a safety hazard or facility damage (reception opens a request; a repair becomes a work order).
/// </summary>
public sealed record ReportIncidentCommand(
    Guid? EstateId, string? Kind, string? Severity, string? Location, Guid? UnitId, string? Description, DateTimeOffset? OccurredAt, bool? Emergency,
    bool? NeedsReception);

public sealed record HandleIncidentCommand(string? Resolution);

public sealed record IncidentResponse(
    Guid Id, Guid EstateId, Guid? UnitId, string Kind, string Severity, string Location, string Description, bool Emergency, bool NeedsReception,
    DateTimeOffset OccurredAt, DateTimeOffset ReportedAt, int SupervisorsAlerted, DateTimeOffset? HandledAt, string? Resolution);

public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Incidents");
        incidents.MapPost("/", Report).RequireRoles(SecurityGateRoles.Gate);
        incidents.MapGet("/", List).RequireRoles(SecurityGateRoles.Readers);
        incidents.MapGet("/{incidentId:guid}", Get).RequireRoles(SecurityGateRoles.Readers);
        incidents.MapPost("/{incidentId:guid}/handled", Handle).RequireRoles(SecurityGateRoles.Gate);
        return api;
    }

    public static async Task<Created<IncidentResponse>> Report(
        ReportIncidentCommand command, SecurityGateDbContext db, EstateScope scope, IEstateCalendars calendars, CorrelationContext correlation,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var kind = errors.Enum<IncidentKind>(command.Kind, "kind");
        var severity = errors.Enum<IncidentSeverity>(command.Severity, "severity");
        var location = errors.Text(command.Location, "location", maxLength: 200);
        var description = errors.Text(command.Description, "description", maxLength: 2000);
        var occurredAt = errors.HappenedAt(command.OccurredAt, "occurredAt", now);
        errors.OptionalId(command.UnitId, "unitId", "for a common area");
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var incident = Incident.Record(estateId, command.UnitId, kind, severity, location, description, command.Emergency, command.NeedsReception,
            occurredAt, scope.Subject ?? "", now);
        db.Incidents.Add(incident);
        db.AddIntegrationEvent(new IncidentReported(
            Guid.CreateVersion7(now), now, estateId, correlation.CorrelationId, incident.Id, kind.ToString(), severity.ToString(), location, incident.UnitId,
            description, incident.NeedsReception));
        if (incident.Emergency)
        {
            incident.Alerted(await SupervisorAlerts.AlertAsync(db, calendars, incident, correlation.CorrelationId, cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/security-gate/incidents/{incident.Id}", ToResponse(incident));
    }

    public static async Task<Ok<IncidentResponse>> Get(Guid incidentId, SecurityGateDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken)
            ?? throw new NotFoundException("Incident", incidentId)));

    /// <summary>An estate's incidents, newest first; <c>open=true</c> for those not handled yet.</summary>
    public static async Task<Ok<Page<IncidentResponse>>> List(
        SecurityGateDbContext db, Guid? estateId, bool? open, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.Incidents.AsNoTracking();
        query = estateId is null ? query : query.Where(i => i.EstateId == estateId);
        query = open is null ? query : open.Value ? query.Where(i => i.HandledAt == null) : query.Where(i => i.HandledAt != null);
        return TypedResults.Ok(await query.ToKeysetPageAsync(i => i.ReportedAt, i => i.Id, cursor, limit, ToResponse, cancellationToken));
    }

    public static async Task<Ok<IncidentResponse>> Handle(
        Guid incidentId, HandleIncidentCommand command, SecurityGateDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var resolution = errors.Text(command.Resolution, "resolution", maxLength: 2000);
        errors.ThrowIfAny();
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken) ?? throw new NotFoundException("Incident", incidentId);
        scope.EnsureCanWrite(incident.EstateId);
        if (!incident.Handle(resolution, scope.Subject ?? "", time.GetUtcNow()))
        {
            throw new ConflictException("The incident is handled already.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(incident));
    }

    private static IncidentResponse ToResponse(Incident i) => new(
        i.Id, i.EstateId, i.UnitId, i.Kind.ToString(), i.Severity.ToString(), i.Location, i.Description, i.Emergency, i.NeedsReception, i.OccurredAt,
        i.ReportedAt, i.SupervisorsAlerted, i.HandledAt, i.Resolution);
}
