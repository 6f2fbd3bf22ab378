using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class HouseholdProfileConfiguration : IEntityTypeConfiguration<HouseholdProfile>
{
    public void Configure(EntityTypeBuilder<HouseholdProfile> profile)
    {
        profile.ToTable("household_profiles");
        profile.HasKey(p => p.Id);
        profile.Property(p => p.UpdatedBy).HasMaxLength(200);
        profile.Property(p => p.Version).IsRowVersion();
        profile.OwnsMany(p => p.Pets, pets => pets.ToJson());
        profile.OwnsMany(p => p.Vehicles, vehicles => vehicles.ToJson());
        profile.OwnsMany(p => p.EmergencyContacts, contacts => contacts.ToJson());
        profile.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId);
        // One profile per unit.
        profile.HasIndex(p => p.UnitId).IsUnique();
    }
}
