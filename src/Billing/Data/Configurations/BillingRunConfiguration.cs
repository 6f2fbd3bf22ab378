using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Data.Configurations;

internal sealed class BillingRunConfiguration : IEntityTypeConfiguration<BillingRun>
{
    public void Configure(EntityTypeBuilder<BillingRun> run)
    {
        run.ToTable("billing_runs");
        run.HasKey(r => r.Id);
        run.Property(r => r.FeeItem).HasConversion<string>().HasMaxLength(32);
        run.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        run.Property(r => r.Currency).HasMaxLength(3);
        run.Property(r => r.StartedBy).HasMaxLength(200);
        run.Property(r => r.Total).HasPrecision(18, 4);
        run.Property(r => r.LastError).HasMaxLength(2000);
        // One run per estate, month and fee item, ever: a second start (even at the same instant) finds the first.
        run.HasIndex(r => new { r.EstateId, r.Period, r.FeeItem }).IsUnique();
        run.HasIndex(r => r.Status).HasFilter("status = 'Running'");
    }
}

internal sealed class BillConfiguration : IEntityTypeConfiguration<Bill>
{
    public void Configure(EntityTypeBuilder<Bill> bill)
    {
        bill.ToTable("bills");
        bill.HasKey(b => b.Id);
        bill.Property(b => b.FeeItem).HasConversion<string>().HasMaxLength(32);
        bill.Property(b => b.Total).HasPrecision(18, 4);
        bill.Property(b => b.Currency).HasMaxLength(3);
        bill.OwnsMany(b => b.Lines, lines => lines.ToJson());
        bill.HasOne<BillingRun>().WithMany().HasForeignKey(b => b.RunId).OnDelete(DeleteBehavior.Restrict);
        bill.HasIndex(b => new { b.RunId, b.UnitId }).IsUnique();
        bill.HasIndex(b => new { b.UnitId, b.Period });
    }
}
