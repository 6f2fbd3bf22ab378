using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> unit)
    {
        unit.ToTable("units");
        unit.HasKey(u => u.Id);
        unit.Property(u => u.Number).HasMaxLength(32);
        unit.Property(u => u.FloorArea).HasPrecision(10, 2);
        unit.Property(u => u.Usage).HasConversion<string>().HasMaxLength(32);
        unit.Property(u => u.Status).HasConversion<string>().HasMaxLength(32);
        unit.HasOne<Building>().WithMany().HasForeignKey(u => u.BuildingId);
        unit.HasIndex(u => new { u.BuildingId, u.Number }).IsUnique();
        // The unit list: an estate's units in registration order, keyset-paged.
        unit.HasIndex(u => new { u.EstateId, u.RegisteredAt, u.Id });
    }
}
