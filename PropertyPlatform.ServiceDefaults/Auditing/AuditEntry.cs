using Microsoft.EntityFrameworkCore;

namespace PropertyPlatform.ServiceDefaults.Auditing;

/// <summary>
/// One change to one record: who made it, when, in which estate, what changed and the correlation id of the request.
/// Written in the same transaction as the change itself; never updated or deleted.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The token subject (account or client id), or <c>system:&lt;service&gt;</c> for work without a caller.</summary>
    public required string Actor { get; init; }

    public string? ActorName { get; init; }

    public Guid? EstateId { get; init; }

    public required string EntityType { get; init; }

    public required string EntityId { get; init; }

    public AuditAction Action { get; init; }

    /// <summary>JSON: the new values of a created record, or <c>{"property": [old, new]}</c> of a changed one.</summary>
    public required string Changes { get; init; }

    public Guid? CorrelationId { get; init; }

    /// <summary>The request that made the change (<c>POST /api/reception/requests</c>), or the message type consumed.</summary>
    public string? Operation { get; init; }
}

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// Personal data (phone numbers, ID numbers): the audit trail records that it changed, never the value.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PrivateDataAttribute : Attribute;

public static class AuditModelExtensions
{
    internal const string NotAuditedAnnotation = "PropertyPlatform:NotAudited";

    /// <summary>
    /// Protocol state that is not a business record (issued tokens, sign-in sessions): its churn stays out of the trail.
    /// </summary>
    public static ModelBuilder ExcludeFromAuditTrail<TEntity>(this ModelBuilder modelBuilder) where TEntity : class
    {
        modelBuilder.Entity<TEntity>().HasAnnotation(NotAuditedAnnotation, true);
        return modelBuilder;
    }

    /// <summary>Adds the <c>audit_entries</c> table: every tracked change of this context is recorded there.</summary>
    public static ModelBuilder AddAuditTrail(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntry>(audit =>
        {
            audit.ToTable("audit_entries");
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Actor).HasMaxLength(200);
            audit.Property(a => a.ActorName).HasMaxLength(200);
            audit.Property(a => a.EntityType).HasMaxLength(200);
            audit.Property(a => a.EntityId).HasMaxLength(200);
            audit.Property(a => a.Action).HasConversion<string>().HasMaxLength(16);
            audit.Property(a => a.Changes).HasColumnType("jsonb");
            audit.Property(a => a.Operation).HasMaxLength(300);
            // The manager's query: an estate's changes, newest first; and the history of one record.
            audit.HasIndex(a => new { a.EstateId, a.OccurredAt, a.Id }).IsDescending(false, true, true);
            audit.HasIndex(a => new { a.EntityType, a.EntityId, a.OccurredAt });
        });
        return modelBuilder;
    }
}
