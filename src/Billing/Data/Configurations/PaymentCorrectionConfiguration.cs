using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Data.Configurations;

internal sealed class PaymentReversalConfiguration : IEntityTypeConfiguration<PaymentReversal>
{
    public void Configure(EntityTypeBuilder<PaymentReversal> reversal)
    {
        reversal.ToTable("payment_reversals");
        reversal.HasKey(r => r.Id);
        reversal.Property(r => r.Id).ValueGeneratedNever();
        reversal.Property(r => r.Amount).HasPrecision(18, 4);
        reversal.Property(r => r.Currency).HasMaxLength(3);
        reversal.Property(r => r.Reason).HasMaxLength(2000);
        reversal.Property(r => r.ReversedBy).HasMaxLength(200);
        reversal.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        // A payment is reversed once at most: the database has the last word.
        reversal.HasIndex(r => r.PaymentId).IsUnique();
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> refund)
    {
        refund.ToTable("refunds");
        refund.HasKey(r => r.Id);
        refund.Property(r => r.Id).ValueGeneratedNever();
        refund.Property(r => r.Amount).HasPrecision(18, 4);
        refund.Property(r => r.Currency).HasMaxLength(3);
        refund.Property(r => r.Method).HasConversion<string>().HasMaxLength(16);
        refund.Property(r => r.Reason).HasMaxLength(2000);
        refund.Property(r => r.RefundedBy).HasMaxLength(200);
        refund.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        refund.Property(r => r.IdempotencyKey).HasMaxLength(100);
        refund.HasIndex(r => r.IdempotencyKey).IsUnique();
        refund.HasIndex(r => r.PaymentId);
        refund.HasIndex(r => new { r.EstateId, r.RefundedAt });
        refund.Property(r => r.Provider).HasMaxLength(50);
        refund.Property(r => r.PaymentReference).HasMaxLength(200);
        refund.Property(r => r.ProviderReference).HasMaxLength(200);
        refund.Property(r => r.LastSendError).HasMaxLength(500);
        // What the sender looks for every pass: the provider refunds not accepted yet.
        refund.HasIndex(r => r.RefundedAt).HasDatabaseName("ix_refunds_unsent").HasFilter("provider IS NOT NULL AND sent_at IS NULL");
    }
}
