using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class PropertyListingConfiguration : IEntityTypeConfiguration<PropertyListing>
{
    public void Configure(EntityTypeBuilder<PropertyListing> listing)
    {
        listing.ToTable("property_listings");
        listing.HasKey(l => l.Id);
        listing.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
        listing.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        listing.Property(l => l.Outcome).HasConversion<string>().HasMaxLength(16);
        listing.Property(l => l.AskingPrice).HasPrecision(19, 4);
        listing.Property(l => l.Currency).HasMaxLength(3).IsFixedLength();
        listing.Property(l => l.Notes).HasMaxLength(2000);
        listing.Property(l => l.ListedBy).HasMaxLength(200);
        listing.Property(l => l.ClosedBy).HasMaxLength(200);
        listing.Property(l => l.Version).IsRowVersion();
        listing.HasOne<Unit>().WithMany().HasForeignKey(l => l.UnitId);
        listing.HasOne<Owner>().WithMany().HasForeignKey(l => l.OwnerId);
        // Nothing is deleted: a listing keeps its follow-ups.
        listing.HasMany(l => l.FollowUps).WithOne().HasForeignKey(f => f.ListingId).OnDelete(DeleteBehavior.Restrict);
        listing.Navigation(l => l.FollowUps).AutoInclude();
        // The desk's list, newest first, by status; a unit's (and an owner's) listings.
        listing.HasIndex(l => new { l.EstateId, l.Status, l.ListedAt, l.Id });
        listing.HasIndex(l => new { l.EstateId, l.ListedAt, l.Id });
        listing.HasIndex(l => new { l.UnitId, l.ListedAt, l.Id });
        // One open listing of each kind per unit.
        listing.HasIndex(l => new { l.UnitId, l.Kind }).IsUnique().HasFilter("status = 'Listed'");
    }
}

internal sealed class ListingFollowUpConfiguration : IEntityTypeConfiguration<ListingFollowUp>
{
    public void Configure(EntityTypeBuilder<ListingFollowUp> followUp)
    {
        followUp.ToTable("listing_follow_ups");
        followUp.HasKey(f => f.Id);
        // Assigned by the listing: a new follow-up found through the navigation is an insert.
        followUp.Property(f => f.Id).ValueGeneratedNever();
        followUp.Property(f => f.By).HasMaxLength(200);
        followUp.Property(f => f.Note).HasMaxLength(2000);
        followUp.HasIndex(f => new { f.ListingId, f.At });
    }
}
