using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.ServiceDefaults.Messaging;

/// <summary>A parked event as operators see it: what it is and why it stopped, not its payload (which can hold personal data).</summary>
public sealed record ParkedEventResponse(
    Guid EventId, string EventType, Guid CorrelationId, DateTimeOffset OccurredAt, int Attempts, string? LastError, DateTimeOffset ParkedAt);

/// <summary>The parked events of the service's own outbox (registered by <c>AddOutbox</c>).</summary>
public sealed class ParkedEvents(DbContext db, OutboxSignal signal)
{
    public IQueryable<OutboxMessage> Messages => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.ParkedAt != null);

    /// <summary>
    /// Puts a parked event back in line with a fresh count of attempts; it keeps its sequence, so it goes out before the
    /// events still pending. Returns false when no parked event has that id.
    /// </summary>
    public async Task<bool> ReplayAsync(Guid eventId, CancellationToken cancellationToken)
    {
        var replayed = await db.Set<OutboxMessage>()
            .Where(m => m.EventId == eventId && m.ParkedAt != null)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.ParkedAt, (DateTimeOffset?)null).SetProperty(x => x.Attempts, 0), cancellationToken);
        if (replayed > 0)
        {
            signal.Notify();
        }

        return replayed > 0;
    }
}

/// <summary>
/// The service's parked outbox events, for group admins: list them, and replay one once its cause is fixed (a type
/// restored, a payload corrected, a broker limit raised).
/// </summary>
public static class OutboxApi
{
    public static RouteGroupBuilder MapOutboxApi(this RouteGroupBuilder api)
    {
        // RequireRoles always admits group admins; naming no other role admits only them.
        var group = api.MapGroup("/outbox/parked").WithTags("Outbox").RequireRoles();
        group.MapGet("/", ListParkedEvents);
        group.MapPost("/{eventId:guid}/replay", ReplayParkedEvent);
        return api;
    }

    /// <summary>Parked events, most recently parked first, keyset-paged.</summary>
    public static async Task<Ok<Page<ParkedEventResponse>>> ListParkedEvents(
        ParkedEvents parked, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var page = await parked.Messages.ToKeysetPageAsync(m => m.ParkedAt!.Value, m => m.EventId, cursor, limit, ToResponse, cancellationToken);
        return TypedResults.Ok(page);
    }

    public static async Task<NoContent> ReplayParkedEvent(ParkedEvents parked, Guid eventId, CancellationToken cancellationToken) =>
        await parked.ReplayAsync(eventId, cancellationToken) ? TypedResults.NoContent() : throw new NotFoundException("Parked event", eventId);

    private static ParkedEventResponse ToResponse(OutboxMessage m) =>
        new(m.EventId, m.EventType, m.CorrelationId, m.OccurredAt, m.Attempts, m.LastError, m.ParkedAt!.Value);
}
