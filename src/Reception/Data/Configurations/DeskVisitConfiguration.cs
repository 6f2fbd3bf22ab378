using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class DeskVisitConfiguration : IEntityTypeConfiguration<DeskVisit>
{
    public void Configure(EntityTypeBuilder<DeskVisit> visit)
    {
        visit.ToTable("desk_visits");
        visit.HasKey(v => v.Id);
        visit.Property(v => v.VisitorName).HasMaxLength(200);
        visit.Property(v => v.VisitorPhone).HasMaxLength(32);
        visit.Property(v => v.Purpose).HasMaxLength(500);
        visit.Property(v => v.Visiting).HasMaxLength(200);
        visit.Property(v => v.RecordedBy).HasMaxLength(200);
        visit.Property(v => v.Version).IsRowVersion();
        // The desk's log, newest first, and who is still in.
        visit.HasIndex(v => new { v.EstateId, v.ArrivedAt, v.Id });
        visit.HasIndex(v => new { v.EstateId, v.ArrivedAt, v.Id }).HasFilter("left_at IS NULL").HasDatabaseName("ix_desk_visits_in");
    }
}
