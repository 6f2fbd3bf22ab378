using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.SecurityGate.Domain;

namespace PropertyPlatform.SecurityGate.Data.Configurations;

internal sealed class SpecialVehicleConfiguration : IEntityTypeConfiguration<SpecialVehicle>
{
    public void Configure(EntityTypeBuilder<SpecialVehicle> vehicle)
    {
        vehicle.ToTable("special_vehicles");
        vehicle.HasKey(v => v.Id);
        vehicle.Property(v => v.Id).ValueGeneratedNever();
        vehicle.Property(v => v.Plate).HasMaxLength(16);
        vehicle.Property(v => v.Kind).HasConversion<string>().HasMaxLength(16);
        vehicle.Property(v => v.Company).HasMaxLength(200);
        vehicle.Property(v => v.RegisteredBy).HasMaxLength(200);
        // The gate looks a plate up on arrival.
        vehicle.HasIndex(v => new { v.EstateId, v.Plate });
        vehicle.HasIndex(v => new { v.EstateId, v.RegisteredAt, v.Id });
    }
}

internal sealed class RenovationSiteConfiguration : IEntityTypeConfiguration<RenovationSite>
{
    public void Configure(EntityTypeBuilder<RenovationSite> site)
    {
        site.ToTable("renovation_sites");
        site.HasKey(s => s.PermitId);
        site.Property(s => s.PermitId).ValueGeneratedNever();
        site.Property(s => s.Contractor).HasMaxLength(200);
        site.HasIndex(s => new { s.EstateId, s.UnitId });
    }
}
