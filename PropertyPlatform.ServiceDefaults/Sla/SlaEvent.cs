using Microsoft.EntityFrameworkCore;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.ServiceDefaults.Sla;

public enum SlaEventKind
{
    Warned,
    Breached,
    Escalated,
}

/// <summary>
/// One thing that happened to a deadline: the warning before it, the breach, each escalation step. Kept per estate
/// in the service's own database, never changed: the breach list and the reports count these rows.
/// </summary>
public sealed class SlaEvent : IEstateOwned
{
    public Guid Id { get; init; }

    public Guid EstateId { get; init; }

    /// <summary>What kind of record the deadline belongs to (<c>customer-request</c>, <c>complaint</c>...).</summary>
    public required string Subject { get; init; }

    public Guid SubjectId { get; init; }

    public required string Policy { get; init; }

    public SlaEventKind Kind { get; init; }

    /// <summary>0 for a warning, 1 for the breach, 2... for later escalation steps.</summary>
    public int Level { get; init; }

    /// <summary>Who is told: the holder of the task for a warning, the chain's role for a breach or escalation.</summary>
    public required string NotifiedRole { get; init; }

    public DateTimeOffset DueAt { get; init; }

    /// <summary>When it happened (the deadline itself for a breach), not when the monitor noticed.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset RecordedAt { get; init; }
}

public static class SlaModelExtensions
{
    /// <summary>Maps the <c>sla_events</c> table; call from <c>OnModelCreating</c> of a service that keeps deadlines.</summary>
    public static ModelBuilder AddSlaEvents(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SlaEvent>(sla =>
        {
            sla.ToTable("sla_events");
            sla.HasKey(e => e.Id);
            sla.Property(e => e.Subject).HasMaxLength(64);
            sla.Property(e => e.Policy).HasMaxLength(64);
            sla.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
            sla.Property(e => e.NotifiedRole).HasMaxLength(64);
            // The breach list (an estate's, newest first) and the report counts (an estate, a kind, a period).
            sla.HasIndex(e => new { e.EstateId, e.Kind, e.OccurredAt, e.Id });
            // A record's own history, and the guard against recording the same step twice.
            sla.HasIndex(e => new { e.SubjectId, e.Policy, e.Kind, e.Level }).IsUnique();
        });
        return modelBuilder;
    }
}
