using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class ParcelConfiguration : IEntityTypeConfiguration<Parcel>
{
    public void Configure(EntityTypeBuilder<Parcel> parcel)
    {
        parcel.ToTable("parcels");
        parcel.HasKey(p => p.Id);
        parcel.Ignore(p => p.IsCollected);
        parcel.Property(p => p.UnitId).IsRequired();
        parcel.Property(p => p.Carrier).HasMaxLength(100);
        parcel.Property(p => p.TrackingNumber).HasMaxLength(100);
        parcel.Property(p => p.Shelf).HasMaxLength(32);
        parcel.Property(p => p.ReceivedBy).HasMaxLength(200);
        parcel.Property(p => p.CollectedBy).HasMaxLength(200);
        parcel.Property(p => p.HandedOverBy).HasMaxLength(200);
        parcel.Property(p => p.Version).IsRowVersion();
        parcel.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId);
        // The parcel list: an estate's parcels newest first; an owner's by unit.
        parcel.HasIndex(p => new { p.EstateId, p.ReceivedAt, p.Id });
        parcel.HasIndex(p => new { p.UnitId, p.ReceivedAt, p.Id });
        // Parcels still on the shelves, oldest the most urgent.
        parcel.HasIndex(p => new { p.EstateId, p.ReceivedAt, p.Id }).HasFilter("collected_at IS NULL").HasDatabaseName("ix_parcels_waiting");
        // Work summaries: parcels received and handed over, per clerk (per estate the list index serves).
        parcel.HasIndex(p => new { p.ReceivedBy, p.ReceivedAt });
        parcel.HasIndex(p => new { p.EstateId, p.CollectedAt });
        parcel.HasIndex(p => new { p.HandedOverBy, p.CollectedAt });
    }
}
