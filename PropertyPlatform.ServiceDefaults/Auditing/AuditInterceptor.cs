using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.ServiceDefaults.Auditing;

/// <summary>
/// Records every change a context saves as <see cref="AuditEntry"/> rows added to the same SaveChanges, so the trail
/// commits (or rolls back) with the change. Contexts without <see cref="AuditModelExtensions.AddAuditTrail"/> are skipped.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider time, IHostEnvironment environment) : SaveChangesInterceptor
{
    /// <summary>What the trail shows instead of a secret or a piece of personal data.</summary>
    public const string Masked = "***";
    internal static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The actor of changes made without a caller (consumers, background work).</summary>
    public static string SystemActor(IHostEnvironment environment) => $"system:{environment.ApplicationName}";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // A save that fails keeps its changes tracked for the caller to retry or drop: the trail recorded for them goes, or the
    // next save would record them a second time (and a caller retrying round after round, an ever longer trail).
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => TakeBack(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TakeBack(eventData.Context);
        return Task.CompletedTask;
    }

    // A row-version conflict is reported here instead of as a failure.
    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        TakeBack(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        TakeBack(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => TakeBack(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        TakeBack(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Detaches the entries of a save that did not happen: only this interceptor adds them, so every added one is its.</summary>
    private static void TakeBack(DbContext? context)
    {
        if (context?.Model.FindEntityType(typeof(AuditEntry)) is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private void Record(DbContext? context)
    {
        if (context?.Model.FindEntityType(typeof(AuditEntry)) is null)
        {
            return;
        }

        // Entries() detects changes each time it is called: read the tracked entries once.
        var tracked = context.ChangeTracker.Entries().ToList();
        var changes = tracked
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is not (AuditEntry or OutboxMessage or InboxMessage))
            .Where(e => e.Metadata.FindAnnotation(AuditModelExtensions.NotAuditedAnnotation) is null)
            .ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var httpContext = http.HttpContext;
        var user = httpContext?.User;
        var actor = user?.FindFirst(PlatformClaims.Subject)?.Value ?? SystemActor(environment);
        var actorName = user?.FindFirst(PlatformClaims.Name)?.Value;
        var correlation = httpContext?.RequestServices.GetService<CorrelationContext>()?.CorrelationId;
        var operation = httpContext is null ? null : $"{httpContext.Request.Method} {httpContext.Request.Path}";
        var now = time.GetUtcNow();

        foreach (var entry in changes)
        {
            // A value kept inside a record (an SLA clock in a request) is audited as part of that record.
            var owner = OwnerOf(entry, tracked);
            context.Add(new AuditEntry
            {
                Id = Guid.CreateVersion7(now),
                OccurredAt = now,
                Actor = actor,
                ActorName = actorName,
                EstateId = (owner?.Entity ?? entry.Entity) is IEstateOwned owned ? owned.EstateId : null,
                EntityType = owner is null
                    ? entry.Metadata.ClrType.Name
                    : $"{owner.Metadata.ClrType.Name}.{entry.Metadata.FindOwnership()!.PrincipalToDependent!.Name}",
                EntityId = string.Join(",", entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name).CurrentValue) ?? []),
                Action = entry.State switch
                {
                    EntityState.Added => AuditAction.Created,
                    EntityState.Deleted => AuditAction.Deleted,
                    _ => AuditAction.Updated,
                },
                Changes = Describe(entry),
                CorrelationId = correlation,
                Operation = operation,
            });
        }
    }

    private static EntityEntry? OwnerOf(EntityEntry entry, List<EntityEntry> tracked)
    {
        var ownership = entry.Metadata.FindOwnership();
        if (ownership?.PrincipalToDependent is null)
        {
            return null;
        }

        // Owned one (a clock) or owned many (a complaint's steps).
        var name = ownership.PrincipalToDependent.Name;
        return tracked.FirstOrDefault(e => e.Metadata == ownership.PrincipalEntityType && (ownership.IsUnique
            ? ReferenceEquals(e.Reference(name).CurrentValue, entry.Entity)
            : e.Collection(name).CurrentValue?.Cast<object>().Any(item => ReferenceEquals(item, entry.Entity)) == true));
    }

    /// <summary>
    /// Personal data (<see cref="PrivateDataAttribute"/>, or ASP.NET Identity's [ProtectedPersonalData]: user name, email, phone),
    /// the lookup copies made of it (<c>NormalizedUserName</c> of <c>UserName</c>: an owner's phone number) and
    /// credentials (hashes, secrets, stamps) are recorded as changed, never with their values.
    /// </summary>
    private static bool IsSecretOrPersonal(PropertyInfo? property) =>
        property is not null && SecretOrPersonal.GetOrAdd(property, IsSecretOrPersonalUncached);

    // Attributes are read by reflection, which allocates on every call: each property is looked at once per process.
    private static readonly ConcurrentDictionary<PropertyInfo, bool> SecretOrPersonal = new();

    private static bool IsSecretOrPersonalUncached(PropertyInfo property) =>
        IsPersonal(property)
        || SecretNameParts.Any(part => property.Name.Contains(part, StringComparison.OrdinalIgnoreCase))
        || (property.Name.StartsWith(NormalizedPrefix, StringComparison.Ordinal)
            && property.DeclaringType?.GetProperty(property.Name[NormalizedPrefix.Length..]) is { } original
            && IsPersonal(original));

    private static bool IsPersonal(PropertyInfo property) =>
        property.GetCustomAttributes(inherit: true).Any(a => a is PrivateDataAttribute || a.GetType().Name == "ProtectedPersonalDataAttribute");

    private const string NormalizedPrefix = "Normalized";

    private static readonly string[] SecretNameParts = ["Hash", "Secret", "Stamp", "Password"];

    private static string Describe(EntityEntry entry)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties.Where(p => !p.Metadata.IsConcurrencyToken))
        {
            var personal = IsSecretOrPersonal(property.Metadata.PropertyInfo);
            switch (entry.State)
            {
                case EntityState.Added:
                    values[property.Metadata.Name] = personal && property.CurrentValue is not null ? Masked : property.CurrentValue;
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    values[property.Metadata.Name] = personal ? new[] { Masked, Masked } : new[] { property.OriginalValue, property.CurrentValue };
                    break;
            }
        }

        return JsonSerializer.Serialize(values, JsonOptions);
    }
}
