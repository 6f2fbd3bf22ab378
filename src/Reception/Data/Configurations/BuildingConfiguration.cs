using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> building)
    {
        building.ToTable("buildings");
        building.HasKey(b => b.Id);
        building.Property(b => b.Code).HasMaxLength(32);
        building.Property(b => b.Name).HasMaxLength(200);
        building.HasOne<Estate>().WithMany().HasForeignKey(b => b.EstateId);
        building.HasIndex(b => new { b.EstateId, b.Code }).IsUnique();
        building.HasIndex(b => new { b.EstateId, b.CreatedAt, b.Id });
    }
}
