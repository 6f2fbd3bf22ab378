using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Data.Configurations;

internal sealed class AdjustmentConfiguration : IEntityTypeConfiguration<Adjustment>
{
    public void Configure(EntityTypeBuilder<Adjustment> adjustment)
    {
        adjustment.ToTable("adjustments");
        adjustment.HasKey(a => a.Id);
        adjustment.Property(a => a.Id).ValueGeneratedNever();
        adjustment.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        adjustment.Property(a => a.Amount).HasPrecision(18, 4);
        adjustment.Property(a => a.Currency).HasMaxLength(3);
        adjustment.Property(a => a.Reason).HasMaxLength(2000);
        adjustment.Property(a => a.RecordedBy).HasMaxLength(200);
        adjustment.HasOne<Receivable>().WithMany().HasForeignKey(a => a.ReceivableId).OnDelete(DeleteBehavior.Restrict);
        adjustment.HasIndex(a => a.ReceivableId);
        adjustment.HasIndex(a => new { a.UnitId, a.RecordedAt });
    }
}
