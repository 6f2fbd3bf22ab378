using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class EstateConfiguration : IEntityTypeConfiguration<Estate>
{
    public void Configure(EntityTypeBuilder<Estate> estate)
    {
        estate.ToTable("estates");
        estate.HasKey(e => e.Id);
        estate.Property(e => e.Name).HasMaxLength(200);
        estate.Property(e => e.TimeZoneId).HasMaxLength(64);
        estate.Property(e => e.Currency).HasMaxLength(3).IsFixedLength();
        estate.HasIndex(e => e.Name).IsUnique();
        estate.HasIndex(e => new { e.CreatedAt, e.Id });
    }
}
