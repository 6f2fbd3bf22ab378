using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class RenovationPermitConfiguration : IEntityTypeConfiguration<RenovationPermit>
{
    public void Configure(EntityTypeBuilder<RenovationPermit> permit)
    {
        permit.ToTable("renovation_permits");
        permit.HasKey(p => p.Id);
        permit.Property(p => p.Contractor).HasMaxLength(200);
        permit.Property(p => p.ContractorPhone).HasMaxLength(32);
        permit.Property(p => p.Scope).HasMaxLength(4000);
        permit.Property(p => p.Status).HasConversion<string>().HasMaxLength(32);
        permit.Property(p => p.UnitStatusBefore).HasConversion<string>().HasMaxLength(32);
        permit.Property(p => p.AppliedBy).HasMaxLength(200);
        permit.Property(p => p.DecidedBy).HasMaxLength(200);
        permit.Property(p => p.DecisionNote).HasMaxLength(2000);
        permit.Property(p => p.AcceptedBy).HasMaxLength(200);
        permit.Property(p => p.AcceptanceNote).HasMaxLength(2000);
        permit.Property(p => p.Version).IsRowVersion();
        permit.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId);
        permit.HasMany(p => p.Inspections).WithOne().HasForeignKey(i => i.PermitId).OnDelete(DeleteBehavior.Restrict);
        permit.Navigation(p => p.Inspections).AutoInclude();
        // The permit list: an estate's permits, newest first.
        permit.HasIndex(p => new { p.EstateId, p.AppliedAt, p.Id });
        // At most one permit applied for or approved per unit, even when two clerks race.
        permit.HasIndex(p => p.UnitId).IsUnique().HasFilter("status IN ('Applied', 'Approved')").HasDatabaseName("ix_renovation_permits_active_unit");
    }
}
