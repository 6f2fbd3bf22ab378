using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class OwnerNotificationConfiguration : IEntityTypeConfiguration<OwnerNotification>
{
    public void Configure(EntityTypeBuilder<OwnerNotification> notification)
    {
        notification.ToTable("owner_notifications");
        notification.HasKey(n => n.Id);
        notification.Property(n => n.UnitId).IsRequired();
        notification.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
        notification.Property(n => n.Text).HasMaxLength(500);
        // An owner's notifications, by unit, newest first.
        notification.HasIndex(n => new { n.UnitId, n.CreatedAt, n.Id });
        notification.HasIndex(n => n.AboutId);
    }
}
