using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class DeskItemConfiguration : IEntityTypeConfiguration<DeskItem>
{
    public void Configure(EntityTypeBuilder<DeskItem> item)
    {
        item.ToTable("desk_items");
        item.HasKey(i => i.Id);
        item.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        item.Property(i => i.Description).HasMaxLength(500);
        item.Property(i => i.Person).HasMaxLength(200);
        item.Property(i => i.RecordedBy).HasMaxLength(200);
        item.Property(i => i.ClosedWith).HasMaxLength(200);
        item.Property(i => i.ClosedBy).HasMaxLength(200);
        item.Property(i => i.Version).IsRowVersion();
        // The desk's list, newest first; what is still out or on the shelf.
        item.HasIndex(i => new { i.EstateId, i.At, i.Id });
        item.HasIndex(i => new { i.EstateId, i.At, i.Id }).HasFilter("closed_at IS NULL").HasDatabaseName("ix_desk_items_open");
    }
}
