using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Data.Configurations;

internal sealed class ReceivableConfiguration : IEntityTypeConfiguration<Receivable>
{
    public void Configure(EntityTypeBuilder<Receivable> item)
    {
        item.ToTable("receivables");
        item.HasKey(r => r.Id);
        item.Property(r => r.FeeItem).HasConversion<string>().HasMaxLength(32);
        item.Property(r => r.Description).HasMaxLength(500);
        item.Property(r => r.Amount).HasPrecision(18, 4);
        item.Property(r => r.Currency).HasMaxLength(3);
        item.Property(r => r.Source).HasMaxLength(50);
        // A charge (or a bill) is booked once, however often its event arrives.
        item.HasIndex(r => new { r.Source, r.SourceId }).IsUnique();
        item.HasIndex(r => new { r.UnitId, r.DueOn });
    }
}

internal sealed class AllocationConfiguration : IEntityTypeConfiguration<Allocation>
{
    public void Configure(EntityTypeBuilder<Allocation> allocation)
    {
        allocation.ToTable("allocations");
        allocation.HasKey(a => a.Id);
        allocation.Property(a => a.Id).ValueGeneratedNever();
        allocation.Property(a => a.Amount).HasPrecision(18, 4);
        allocation.HasOne<Payment>().WithMany().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Restrict);
        allocation.HasOne<Receivable>().WithMany().HasForeignKey(a => a.ReceivableId).OnDelete(DeleteBehavior.Restrict);
        allocation.HasIndex(a => a.ReceivableId);
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> payment)
    {
        payment.ToTable("payments");
        payment.HasKey(p => p.Id);
        payment.Property(p => p.Amount).HasPrecision(18, 4);
        payment.Property(p => p.Unallocated).HasPrecision(18, 4);
        payment.Property(p => p.Currency).HasMaxLength(3);
        payment.Property(p => p.Method).HasConversion<string>().HasMaxLength(16);
        payment.Property(p => p.IdempotencyKey).HasMaxLength(100);
        payment.Property(p => p.RequestFingerprint).HasMaxLength(64);
        payment.Property(p => p.ReceiptNumber).HasMaxLength(20);
        payment.Property(p => p.ReceivedBy).HasMaxLength(200);
        // The database, not the code, is the last word on exactly-once and on unique receipt numbers.
        payment.HasIndex(p => p.IdempotencyKey).IsUnique();
        payment.HasIndex(p => new { p.EstateId, p.ReceiptYear, p.ReceiptSequence }).IsUnique();
        payment.HasIndex(p => new { p.UnitId, p.ReceivedAt });
    }
}

internal sealed class ReceiptCounterConfiguration : IEntityTypeConfiguration<ReceiptCounter>
{
    public void Configure(EntityTypeBuilder<ReceiptCounter> counter)
    {
        counter.ToTable("receipt_counters");
        counter.HasKey(c => new { c.EstateId, c.Year });
    }
}

internal sealed class ProviderPaymentConfiguration : IEntityTypeConfiguration<ProviderPayment>
{
    public void Configure(EntityTypeBuilder<ProviderPayment> payment)
    {
        payment.ToTable("provider_payments");
        payment.HasKey(p => p.Id);
        payment.Property(p => p.Amount).HasPrecision(18, 4);
        payment.Property(p => p.Currency).HasMaxLength(3);
        payment.Property(p => p.Method).HasConversion<string>().HasMaxLength(16);
        payment.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        payment.Property(p => p.Provider).HasMaxLength(50);
        payment.Property(p => p.ProviderReference).HasMaxLength(100);
        payment.Property(p => p.RedirectUrl).HasMaxLength(1000);
        payment.Property(p => p.IdempotencyKey).HasMaxLength(100);
        payment.Property(p => p.RequestFingerprint).HasMaxLength(64);
        payment.Property(p => p.CreatedBy).HasMaxLength(200);
        payment.Property(p => p.FailureReason).HasMaxLength(500);
        payment.HasIndex(p => p.IdempotencyKey).IsUnique();
        payment.HasIndex(p => new { p.Provider, p.ProviderReference }).IsUnique();
        payment.HasIndex(p => p.PaymentId).IsUnique().HasFilter("payment_id IS NOT NULL");
    }
}
