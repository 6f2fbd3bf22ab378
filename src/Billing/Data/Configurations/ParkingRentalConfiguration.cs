using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Data.Configurations;

internal sealed class ParkingRentalConfiguration : IEntityTypeConfiguration<ParkingRental>
{
    public void Configure(EntityTypeBuilder<ParkingRental> rental)
    {
        rental.ToTable("parking_rentals");
        rental.HasKey(r => r.Id);
        rental.Property(r => r.Id).ValueGeneratedNever();
        rental.Property(r => r.Space).HasMaxLength(ParkingRental.MaxSpace);
        rental.Property(r => r.RentedBy).HasMaxLength(200);
        rental.Property(r => r.EndedBy).HasMaxLength(200);
        rental.HasOne<BillableUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        // A space's other rentals (the overlap check).
        rental.HasIndex(r => new { r.EstateId, r.Space, r.From });
        // A parking run's rentals of the estate.
        rental.HasIndex(r => new { r.EstateId, r.From });
        // The list: a unit's rentals newest first.
        rental.HasIndex(r => new { r.UnitId, r.RentedAt, r.Id });
    }
}
