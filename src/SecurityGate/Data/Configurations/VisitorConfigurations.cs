using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.SecurityGate.Domain;

namespace PropertyPlatform.SecurityGate.Data.Configurations;

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> visit)
    {
        visit.ToTable("visits");
        visit.HasKey(v => v.Id);
        visit.Property(v => v.Id).ValueGeneratedNever();
        visit.Property(v => v.VisitorName).HasMaxLength(100);
        visit.Property(v => v.IdNumber).HasMaxLength(32);
        visit.Property(v => v.HostName).HasMaxLength(100);
        visit.Property(v => v.Purpose).HasMaxLength(200);
        visit.Property(v => v.Outcome).HasConversion<string>().HasMaxLength(16);
        visit.Property(v => v.RefusalReason).HasMaxLength(200);
        visit.Property(v => v.RecordedBy).HasMaxLength(200);
        // The gate log of an estate, newest first, keyset-paged.
        visit.HasIndex(v => new { v.EstateId, v.ArrivedAt, v.Id });
    }
}

internal sealed class VisitorPassConfiguration : IEntityTypeConfiguration<VisitorPass>
{
    public void Configure(EntityTypeBuilder<VisitorPass> pass)
    {
        pass.ToTable("visitor_passes");
        pass.HasKey(p => p.Id);
        pass.Property(p => p.Id).ValueGeneratedNever();
        pass.Property(p => p.IssuedBy).HasMaxLength(200);
        pass.Property(p => p.VisitorName).HasMaxLength(100);
        pass.Property(p => p.Purpose).HasMaxLength(200);
        // Two gates checking one single-use pass at once: only one of them records the use.
        pass.Property(p => p.Version).IsRowVersion();
        pass.Ignore(p => p.Claims);
        pass.Ignore(p => p.StateRefusal);
        // An owner's passes for a unit, newest first.
        pass.HasIndex(p => new { p.EstateId, p.UnitId, p.IssuedAt, p.Id });
    }
}

internal sealed class PassUseConfiguration : IEntityTypeConfiguration<PassUse>
{
    public void Configure(EntityTypeBuilder<PassUse> use)
    {
        use.ToTable("pass_uses");
        // Offline gates name their uses: the key makes a second upload of the same use a no-op.
        use.HasKey(u => u.Id);
        use.Property(u => u.Id).ValueGeneratedNever();
        use.Property(u => u.Irregularity).HasConversion<string>().HasMaxLength(16);
        use.Property(u => u.RecordedBy).HasMaxLength(200);
        use.HasIndex(u => new { u.PassId, u.UsedAt });
    }
}

internal sealed class UnitOwnerConfiguration : IEntityTypeConfiguration<UnitOwner>
{
    public void Configure(EntityTypeBuilder<UnitOwner> owner)
    {
        owner.ToTable("unit_owners");
        owner.HasKey(o => new { o.UnitId, o.OwnerId });
        owner.Property(o => o.FullName).HasMaxLength(200);
    }
}

internal sealed class UnitResidentConfiguration : IEntityTypeConfiguration<UnitResident>
{
    public void Configure(EntityTypeBuilder<UnitResident> resident)
    {
        resident.ToTable("unit_residents");
        resident.HasKey(r => r.ResidentId);
        resident.Property(r => r.ResidentId).ValueGeneratedNever();
        resident.Property(r => r.Kind).HasMaxLength(16);
        resident.Ignore(r => r.LivesThere);
        resident.HasIndex(r => r.UnitId);
    }
}

internal sealed class PassCheckConfiguration : IEntityTypeConfiguration<PassCheck>
{
    public void Configure(EntityTypeBuilder<PassCheck> check)
    {
        check.ToTable("pass_checks");
        check.HasKey(c => c.Id);
        check.Property(c => c.Id).ValueGeneratedNever();
        check.Property(c => c.IdempotencyKey).HasMaxLength(100);
        // A key answers one check, whoever sends it again: the last word when two retries race.
        check.HasIndex(c => c.IdempotencyKey).IsUnique();
        check.Property(c => c.RequestFingerprint).HasMaxLength(64);
        check.Property(c => c.Refusal).HasConversion<string>().HasMaxLength(16);
        check.Property(c => c.GateName).HasMaxLength(100);
        check.Property(c => c.CheckedBy).HasMaxLength(200);
        check.Property(c => c.CheckedByName).HasMaxLength(200);
        // The supervisor's list of an estate's refusals, newest first, keyset-paged.
        check.HasIndex(c => new { c.EstateId, c.Admitted, c.CheckedAt, c.Id });
    }
}
