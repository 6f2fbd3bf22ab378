using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class PatrolRecordConfiguration : IEntityTypeConfiguration<PatrolRecord>
{
    public void Configure(EntityTypeBuilder<PatrolRecord> record)
    {
        record.ToTable("patrol_records");
        record.HasKey(r => r.Id);
        record.Property(r => r.PatrolledBy).HasMaxLength(200);
        record.Property(r => r.Notes).HasMaxLength(4000);
        record.Property(r => r.EscalatedTo).HasMaxLength(200);
        record.OwnsOne(r => r.Readings, readings =>
        {
            readings.Property(m => m.Water).HasColumnName("water_reading").HasPrecision(14, 3);
            readings.Property(m => m.Electricity).HasColumnName("electricity_reading").HasPrecision(14, 3);
        });
        record.HasOne<PatrolTarget>().WithMany().HasForeignKey(r => r.TargetId);
        // A target's patrols, newest first.
        record.HasIndex(r => new { r.TargetId, r.PatrolledAt, r.Id });
    }
}
