using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.ToTable("notifications");
        notification.HasKey(n => n.Id);
        notification.Property(n => n.RecipientKind).HasConversion<string>().HasMaxLength(16);
        notification.Property(n => n.TemplateKey).HasMaxLength(64);
        notification.Property(n => n.Language).HasMaxLength(8);
        notification.Property(n => n.Subject).HasMaxLength(500);
        notification.Property(n => n.Body).HasMaxLength(8000);
        // Read and written whole, with the notification: one jsonb document.
        notification.Property(n => n.Data)
            .HasColumnType("jsonb")
            .HasConversion(
                data => JsonSerializer.Serialize(data, JsonSerializerOptions.Default),
                json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Default) ?? new Dictionary<string, string>(),
                new ValueComparer<Dictionary<string, string>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    data => data.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                    data => new Dictionary<string, string>(data)));
        // A redelivered or replayed request finds the notification it already made.
        notification.HasIndex(n => new { n.RequestEventId, n.RecipientKind, n.RecipientId }).IsUnique();
        // A person's inbox, newest first.
        notification.HasIndex(n => new { n.RecipientKind, n.RecipientId, n.CreatedAt, n.Id });
        notification.HasMany(n => n.Deliveries).WithOne().HasForeignKey(d => d.NotificationId).OnDelete(DeleteBehavior.Cascade);
        notification.Navigation(n => n.Deliveries).AutoInclude(false);
    }
}

internal sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> delivery)
    {
        delivery.ToTable("notification_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Channel).HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.Address).HasMaxLength(254);
        delivery.Property(d => d.LastError).HasMaxLength(2000);
        delivery.Property(d => d.Version).IsRowVersion();
        // The sender's queue: only what is still pending.
        delivery.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'Pending'");
        // The desk's list: an estate's deliveries by status, newest first.
        delivery.HasIndex(d => new { d.EstateId, d.Status, d.UpdatedAt, d.Id });
    }
}

internal sealed class NotificationPreferencesConfiguration : IEntityTypeConfiguration<NotificationPreferences>
{
    public void Configure(EntityTypeBuilder<NotificationPreferences> preferences)
    {
        preferences.ToTable("notification_preferences");
        preferences.HasKey(p => new { p.RecipientKind, p.RecipientId, p.EstateId });
        preferences.Property(p => p.RecipientKind).HasConversion<string>().HasMaxLength(16);
        preferences.Property(p => p.Language).HasMaxLength(8);
        preferences.Property(p => p.Email).HasMaxLength(254);
    }
}

internal sealed class NotificationTemplateConfiguration : IEntityTypeConfiguration<NotificationTemplate>
{
    public void Configure(EntityTypeBuilder<NotificationTemplate> template)
    {
        template.ToTable("notification_templates");
        template.HasKey(t => t.Id);
        template.Property(t => t.Key).HasMaxLength(64);
        template.Property(t => t.Language).HasMaxLength(8);
        template.Property(t => t.Subject).HasMaxLength(500);
        template.Property(t => t.Body).HasMaxLength(8000);
        template.Property(t => t.UpdatedBy).HasMaxLength(200);
        template.HasIndex(t => new { t.EstateId, t.Key, t.Language }).IsUnique();
    }
}
