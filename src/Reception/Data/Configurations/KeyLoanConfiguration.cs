using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class KeyLoanConfiguration : IEntityTypeConfiguration<KeyLoan>
{
    public void Configure(EntityTypeBuilder<KeyLoan> loan)
    {
        loan.ToTable("key_loans");
        loan.HasKey(l => l.Id);
        loan.Property(l => l.KeyLabel).HasMaxLength(200);
        loan.Property(l => l.IssuedTo).HasMaxLength(200);
        loan.Property(l => l.Purpose).HasMaxLength(500);
        loan.Property(l => l.IssuedBy).HasMaxLength(200);
        loan.Property(l => l.ReturnedTo).HasMaxLength(200);
        loan.Property(l => l.ReturnNote).HasMaxLength(1000);
        loan.HasOne<CustodyKey>().WithMany().HasForeignKey(l => l.KeyId);
        // A key's history, newest first.
        loan.HasIndex(l => new { l.KeyId, l.IssuedAt, l.Id });
        // Keys still out, by when they were due back: the overdue list.
        loan.HasIndex(l => new { l.EstateId, l.ExpectedReturnAt, l.Id }).HasFilter("returned_at IS NULL");
        // Work summaries: keys issued and returned, per estate and per clerk.
        loan.HasIndex(l => new { l.EstateId, l.IssuedAt });
        loan.HasIndex(l => new { l.IssuedBy, l.IssuedAt });
        loan.HasIndex(l => new { l.EstateId, l.ReturnedAt });
        loan.HasIndex(l => new { l.ReturnedTo, l.ReturnedAt });
    }
}
