using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class PatrolTargetConfiguration : IEntityTypeConfiguration<PatrolTarget>
{
    public void Configure(EntityTypeBuilder<PatrolTarget> target)
    {
        target.ToTable("patrol_targets");
        target.HasKey(t => t.Id);
        target.Property(t => t.Kind).HasConversion<string>().HasMaxLength(32);
        target.Property(t => t.Name).HasMaxLength(200);
        target.Property(t => t.Version).IsRowVersion();
        target.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId);
        target.HasOne<RenovationPermit>().WithMany().HasForeignKey(t => t.PermitId);
        // The target list, newest first.
        target.HasIndex(t => new { t.EstateId, t.CreatedAt, t.Id });
        // The overdue list: an estate's active targets by due instant.
        target.HasIndex(t => new { t.EstateId, t.Active, t.DueBy, t.Id });
        // One renovation site per permit.
        target.HasIndex(t => t.PermitId).IsUnique();
        // A unit's active rounds: retired at move-in, opened at move-out.
        target.HasIndex(t => new { t.UnitId, t.Kind, t.Active });
    }
}
