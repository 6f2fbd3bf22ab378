using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Data.Configurations;

internal sealed class RateConfiguration : IEntityTypeConfiguration<Rate>
{
    public void Configure(EntityTypeBuilder<Rate> rate)
    {
        rate.ToTable("rates");
        rate.HasKey(r => r.Id);
        rate.Ignore(r => r.IsApproved);
        rate.Property(r => r.FeeItem).HasConversion<string>().HasMaxLength(32);
        rate.Property(r => r.Amount).HasPrecision(18, 4);
        rate.Property(r => r.Currency).HasMaxLength(3);
        rate.Property(r => r.ProposedBy).HasMaxLength(200);
        rate.Property(r => r.ApprovedBy).HasMaxLength(200);
        // One approved version per day it takes effect: two prices from the same day would make the bill ambiguous.
        rate.HasIndex(r => new { r.EstateId, r.FeeItem, r.EffectiveFrom }).IsUnique().HasFilter("approved_at IS NOT NULL");
    }
}
