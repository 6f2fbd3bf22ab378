using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class MoveInConfiguration : IEntityTypeConfiguration<MoveIn>
{
    public void Configure(EntityTypeBuilder<MoveIn> moveIn)
    {
        moveIn.ToTable("move_ins");
        moveIn.HasKey(m => m.Id);
        moveIn.Property(m => m.WaterReading).HasPrecision(14, 3);
        moveIn.Property(m => m.ElectricityReading).HasPrecision(14, 3);
        moveIn.Property(m => m.GasReading).HasPrecision(14, 3);
        moveIn.Property(m => m.HandoverNotes).HasMaxLength(2000);
        moveIn.Property(m => m.RecordedBy).HasMaxLength(200);
        moveIn.HasOne<Unit>().WithMany().HasForeignKey(m => m.UnitId);
        moveIn.HasIndex(m => new { m.UnitId, m.RecordedAt });
        moveIn.HasIndex(m => new { m.EstateId, m.RecordedAt, m.Id });
    }
}
