using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class ButlerVisitConfiguration : IEntityTypeConfiguration<ButlerVisit>
{
    public void Configure(EntityTypeBuilder<ButlerVisit> visit)
    {
        visit.ToTable("butler_visits");
        visit.HasKey(v => v.Id);
        visit.Property(v => v.Kind).HasConversion<string>().HasMaxLength(32);
        visit.Property(v => v.Status).HasConversion<string>().HasMaxLength(32);
        visit.Property(v => v.Outcome).HasConversion<string>().HasMaxLength(32);
        visit.Property(v => v.Butler).HasMaxLength(200);
        visit.Property(v => v.Notes).HasMaxLength(4000);
        visit.Property(v => v.RecordedBy).HasMaxLength(200);
        visit.Property(v => v.CreatedBy).HasMaxLength(200);
        visit.Property(v => v.ArrearsAmount).HasPrecision(19, 4);
        visit.Property(v => v.Currency).HasMaxLength(3).IsFixedLength();
        visit.Property(v => v.ArrearsReason).HasConversion<string>().HasMaxLength(32);
        visit.OwnsOne(v => v.Record, record =>
        {
            record.Property(r => r.Opinions).HasColumnName("opinions").HasMaxLength(4000);
            record.Property(r => r.FamilyChanges).HasColumnName("family_changes").HasMaxLength(2000);
            record.Property(r => r.ArrearsDiscussed).HasColumnName("arrears_discussed").HasMaxLength(2000);
            record.Property(r => r.AcknowledgedBy).HasColumnName("acknowledged_by").HasMaxLength(200);
        });
        visit.Property(v => v.Version).IsRowVersion();
        visit.HasOne<Unit>().WithMany().HasForeignKey(v => v.UnitId);
        // The visit list: an estate's visits, newest first, keyset-paged.
        visit.HasIndex(v => new { v.EstateId, v.CreatedAt, v.Id });
        // The coverage count: a unit's visits that took place, by when.
        visit.HasIndex(v => new { v.UnitId, v.Outcome, v.VisitedAt });
    }
}
