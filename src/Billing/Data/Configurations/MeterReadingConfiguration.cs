using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Data.Configurations;

internal sealed class MeterReadingConfiguration : IEntityTypeConfiguration<MeterReading>
{
    public void Configure(EntityTypeBuilder<MeterReading> reading)
    {
        reading.ToTable("meter_readings");
        reading.HasKey(r => r.Id);
        reading.Property(r => r.Id).ValueGeneratedNever();
        reading.Property(r => r.Meter).HasConversion<string>().HasMaxLength(16);
        reading.Property(r => r.Value).HasPrecision(18, Meters.Decimals);
        reading.Property(r => r.Source).HasConversion<string>().HasMaxLength(16);
        reading.Property(r => r.RecordedBy).HasMaxLength(200);
        reading.HasOne<BillableUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        // The neighbours of a new reading (its checks), and a run's readings of a meter up to a day.
        reading.HasIndex(r => new { r.UnitId, r.Meter, r.ReadOn });
        // A run's readings of one meter across the estate.
        reading.HasIndex(r => new { r.EstateId, r.Meter, r.ReadOn });
        // The list: a unit's readings newest first, of one meter or all.
        reading.HasIndex(r => new { r.UnitId, r.Meter, r.RecordedAt, r.Id });
        reading.HasIndex(r => new { r.UnitId, r.RecordedAt, r.Id });
    }
}
