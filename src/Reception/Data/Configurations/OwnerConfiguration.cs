using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class OwnerConfiguration : IEntityTypeConfiguration<Owner>
{
    public void Configure(EntityTypeBuilder<Owner> owner)
    {
        owner.ToTable("owners");
        owner.HasKey(o => o.Id);
        owner.Property(o => o.FullName).HasMaxLength(200);
        owner.Property(o => o.Phone).HasMaxLength(32);
        owner.Property(o => o.IdNumber).HasMaxLength(32);
        owner.HasIndex(o => new { o.EstateId, o.Phone }).IsUnique();
        owner.HasIndex(o => new { o.EstateId, o.RegisteredAt, o.Id });
        owner.HasIndex(o => o.UnitIds).HasMethod("gin");
    }
}
