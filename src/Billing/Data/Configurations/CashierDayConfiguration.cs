using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Data.Configurations;

internal sealed class CashierDayConfiguration : IEntityTypeConfiguration<CashierDay>
{
    public void Configure(EntityTypeBuilder<CashierDay> day)
    {
        day.ToTable("cashier_days");
        day.HasKey(d => d.Id);
        day.Property(d => d.Cashier).HasMaxLength(200);
        day.Property(d => d.HandedOverBy).HasMaxLength(200);
        day.Property(d => d.HandoverDifference).HasPrecision(18, 4);
        day.Property(d => d.HandoverExplanation).HasMaxLength(2000);
        day.Property(d => d.Version).IsRowVersion();
        day.OwnsOne(d => d.Deposit, clock =>
        {
            clock.Property(c => c.Policy).HasMaxLength(64);
            clock.HasIndex(c => c.NextCheckAt).HasFilter("deposit_next_check_at IS NOT NULL");
        });
        day.Navigation(d => d.Deposit).IsRequired();
        day.HasMany(d => d.Deposits).WithOne().HasForeignKey(d => d.CashierDayId).OnDelete(DeleteBehavior.Restrict);
        // One day per cashier: concurrent cash payments of one cashier open it once.
        day.HasIndex(d => new { d.EstateId, d.Cashier, d.Day }).IsUnique();
    }
}

internal sealed class CashDepositConfiguration : IEntityTypeConfiguration<CashDeposit>
{
    public void Configure(EntityTypeBuilder<CashDeposit> deposit)
    {
        deposit.ToTable("cash_deposits");
        deposit.HasKey(d => d.Id);
        deposit.Property(d => d.Id).ValueGeneratedNever();
        deposit.Property(d => d.Amount).HasPrecision(18, 4);
        deposit.Property(d => d.Currency).HasMaxLength(3);
        deposit.Property(d => d.BankSlipRef).HasMaxLength(64);
        deposit.Property(d => d.RecordedBy).HasMaxLength(200);
        // A bank slip is recorded once: a retried request cannot deposit the same cash twice.
        deposit.HasIndex(d => new { d.EstateId, d.BankSlipRef }).IsUnique();
    }
}
