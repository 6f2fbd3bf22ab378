using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.SecurityGate.Domain;

namespace PropertyPlatform.SecurityGate.Data.Configurations;

internal sealed class ExitPermitConfiguration : IEntityTypeConfiguration<ExitPermit>
{
    public void Configure(EntityTypeBuilder<ExitPermit> permit)
    {
        permit.ToTable("exit_permits");
        permit.HasKey(p => p.Id);
        permit.Property(p => p.Id).ValueGeneratedNever();
        permit.Property(p => p.UnitId).IsRequired();
        permit.Property(p => p.Items).HasMaxLength(1000);
        permit.Property(p => p.CarriedBy).HasMaxLength(100);
        permit.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        permit.Property(p => p.RequestedBy).HasMaxLength(200);
        permit.Property(p => p.DecidedBy).HasMaxLength(200);
        permit.Property(p => p.RejectionReason).HasMaxLength(500);
        permit.Property(p => p.CheckedBy).HasMaxLength(200);
        // Two gates letting the same items out at once: one exit.
        permit.Property(p => p.Version).IsRowVersion();
        permit.HasIndex(p => new { p.EstateId, p.RequestedAt, p.Id });
    }
}

internal sealed class HeldItemConfiguration : IEntityTypeConfiguration<HeldItem>
{
    public void Configure(EntityTypeBuilder<HeldItem> held)
    {
        held.ToTable("held_items");
        held.HasKey(h => h.Id);
        held.Property(h => h.Id).ValueGeneratedNever();
        held.Property(h => h.Items).HasMaxLength(1000);
        held.Property(h => h.CarriedBy).HasMaxLength(100);
        held.Property(h => h.Reason).HasMaxLength(500);
        held.Property(h => h.HeldBy).HasMaxLength(200);
        held.HasIndex(h => new { h.EstateId, h.HeldAt, h.Id });
    }
}
