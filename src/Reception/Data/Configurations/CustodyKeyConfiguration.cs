using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class CustodyKeyConfiguration : IEntityTypeConfiguration<CustodyKey>
{
    public void Configure(EntityTypeBuilder<CustodyKey> key)
    {
        key.ToTable("custody_keys");
        key.HasKey(k => k.Id);
        key.Ignore(k => k.IsOut);
        key.Property(k => k.Label).HasMaxLength(200);
        key.Property(k => k.Area).HasMaxLength(200);
        key.Property(k => k.RegisteredBy).HasMaxLength(200);
        key.Property(k => k.Version).IsRowVersion();
        key.HasOne<Unit>().WithMany().HasForeignKey(k => k.UnitId);
        // Two tags with the same label in one office would be mixed up.
        key.HasIndex(k => new { k.EstateId, k.Label }).IsUnique();
        // The key list: an estate's keys in registration order, keyset-paged.
        key.HasIndex(k => new { k.EstateId, k.RegisteredAt, k.Id });
    }
}
