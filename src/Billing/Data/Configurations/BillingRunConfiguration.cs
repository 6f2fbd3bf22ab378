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
        // One run per estate, period and fee item, ever: a second start (even at the same instant) finds the first. Runs of
        // other periods that overlap it (a quarter and one of its months) are refused by RunsApi under an advisory lock.
        run.HasIndex(r => new { r.EstateId, r.Period, r.PeriodEnd, r.FeeItem }).IsUnique();
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

internal sealed class EstateBillingTermsConfiguration : IEntityTypeConfiguration<EstateBillingTerms>
{
    public void Configure(EntityTypeBuilder<EstateBillingTerms> terms)
    {
        terms.ToTable("estate_billing_terms");
        terms.HasKey(t => t.EstateId);
        terms.Property(t => t.UpdatedBy).HasMaxLength(200);
        terms.ToTable(t => t.HasCheckConstraint("ck_estate_billing_terms_payment_term", $"payment_term_days BETWEEN 0 AND {EstateBillingTerms.MaxPaymentTermDays}"));
    }
}

internal sealed class FeeItemFrequencyConfiguration : IEntityTypeConfiguration<FeeItemFrequency>
{
    public void Configure(EntityTypeBuilder<FeeItemFrequency> frequency)
    {
        frequency.ToTable("fee_item_frequencies");
        frequency.HasKey(f => new { f.EstateId, f.FeeItem });
        frequency.Property(f => f.FeeItem).HasConversion<string>().HasMaxLength(32);
        frequency.Property(f => f.Frequency).HasConversion<string>().HasMaxLength(16);
        frequency.Property(f => f.UpdatedBy).HasMaxLength(200);
    }
}
