using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> notice)
    {
        notice.ToTable("notices");
        notice.HasKey(n => n.Id);
        notice.Property(n => n.Audience).HasConversion<string>().HasMaxLength(32);
        notice.Property(n => n.Title).HasMaxLength(200);
        notice.Property(n => n.Body).HasMaxLength(8000);
        notice.Property(n => n.PublishedBy).HasMaxLength(200);
        notice.HasOne<Building>().WithMany().HasForeignKey(n => n.BuildingId);
        notice.HasOne<Unit>().WithMany().HasForeignKey(n => n.UnitId);
        // The notice board of an estate, latest publication first (staff's list, and the owner's filtered from it).
        notice.HasIndex(n => new { n.EstateId, n.PublishAt, n.Id });
        notice.HasIndex(n => new { n.PublishedBy, n.CreatedAt });
    }
}
