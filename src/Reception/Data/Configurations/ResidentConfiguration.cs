using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class ResidentConfiguration : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> resident)
    {
        resident.ToTable("residents");
        resident.HasKey(r => r.Id);
        resident.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
        resident.Property(r => r.FullName).HasMaxLength(200);
        resident.Property(r => r.Phone).HasMaxLength(32);
        resident.Property(r => r.MoveOutWaterReading).HasPrecision(14, 3);
        resident.Property(r => r.MoveOutElectricityReading).HasPrecision(14, 3);
        resident.Property(r => r.MoveOutGasReading).HasPrecision(14, 3);
        resident.Property(r => r.MoveOutNotes).HasMaxLength(2000);
        resident.Ignore(r => r.HasMovedOut);
        resident.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId);
        resident.HasOne<MoveIn>().WithMany().HasForeignKey(r => r.MoveInId);
        // A unit's residents (who lives there, occupancy for billing), newest first.
        resident.HasIndex(r => new { r.UnitId, r.RecordedAt, r.Id });
        // The resident list of an estate, newest first, and the estate's occupancy for a billing period.
        resident.HasIndex(r => new { r.EstateId, r.RecordedAt, r.Id });
        resident.HasIndex(r => new { r.EstateId, r.MovedInOn });
        // The same person's stays in a unit, to refuse an overlapping move-in; and never two open stays, even when two
        // clerks record the same move-in at once.
        resident.HasIndex(r => new { r.UnitId, r.Phone });
        resident.HasIndex(r => new { r.UnitId, r.Phone }, "LivingThere").IsUnique().HasFilter("moved_out_on IS NULL")
            .HasDatabaseName("ux_residents_unit_id_phone_living_there");
    }
}
