using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Data.Configurations;

internal sealed class BillableUnitConfiguration : IEntityTypeConfiguration<BillableUnit>
{
    public void Configure(EntityTypeBuilder<BillableUnit> unit)
    {
        unit.ToTable("billable_units");
        unit.HasKey(u => u.UnitId);
        unit.Property(u => u.UnitId).ValueGeneratedNever();
        unit.Property(u => u.Number).HasMaxLength(50);
        unit.Property(u => u.FloorArea).HasPrecision(18, 2);
        unit.HasMany(u => u.Stays).WithOne().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Cascade);
        unit.HasIndex(u => new { u.EstateId, u.UnitId });
    }
}

internal sealed class OccupancyConfiguration : IEntityTypeConfiguration<Occupancy>
{
    public void Configure(EntityTypeBuilder<Occupancy> stay)
    {
        stay.ToTable("occupancies");
        stay.HasKey(s => s.Id);
        stay.Property(s => s.Id).ValueGeneratedNever();
        stay.HasIndex(s => new { s.UnitId, s.ResidentId });
    }
}
