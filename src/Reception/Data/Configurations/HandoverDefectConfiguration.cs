using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class HandoverDefectConfiguration : IEntityTypeConfiguration<HandoverDefect>
{
    public void Configure(EntityTypeBuilder<HandoverDefect> defect)
    {
        defect.ToTable("handover_defects");
        defect.HasKey(d => d.Id);
        defect.Property(d => d.UnitId).IsRequired();
        defect.Property(d => d.Location).HasMaxLength(100);
        defect.Property(d => d.Description).HasMaxLength(2000);
        defect.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        defect.Property(d => d.RecordedBy).HasMaxLength(200);
        defect.Property(d => d.VerifiedBy).HasMaxLength(200);
        defect.Property(d => d.LastCheckNote).HasMaxLength(2000);
        defect.Property(d => d.Version).IsRowVersion();
        defect.HasOne<Unit>().WithMany().HasForeignKey(d => d.UnitId);
        defect.HasOne<CustomerRequest>().WithMany().HasForeignKey(d => d.RequestId);
        // An estate's defects (the open ones first to follow up), and a unit's.
        defect.HasIndex(d => new { d.EstateId, d.Status, d.RecordedAt, d.Id });
        defect.HasIndex(d => new { d.UnitId, d.RecordedAt, d.Id });
        defect.HasIndex(d => d.RequestId).IsUnique();
    }
}
