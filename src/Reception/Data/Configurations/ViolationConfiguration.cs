using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class ViolationConfiguration : IEntityTypeConfiguration<Violation>
{
    public void Configure(EntityTypeBuilder<Violation> violation)
    {
        violation.ToTable("violations");
        violation.HasKey(v => v.Id);
        violation.Property(v => v.Type).HasConversion<string>().HasMaxLength(32);
        violation.Property(v => v.Status).HasConversion<string>().HasMaxLength(32);
        violation.Property(v => v.Description).HasMaxLength(4000);
        violation.Property(v => v.FoundBy).HasMaxLength(200);
        violation.Property(v => v.VerifiedBy).HasMaxLength(200);
        violation.Property(v => v.Version).IsRowVersion();
        violation.OwnsOne(v => v.Rectification, clock =>
        {
            clock.Property(c => c.Policy).HasMaxLength(64);
            clock.HasIndex(c => c.NextCheckAt).HasFilter("rectification_next_check_at IS NOT NULL");
        });
        violation.HasOne<PatrolRecord>().WithMany().HasForeignKey(v => v.PatrolRecordId);
        violation.HasOne<Unit>().WithMany().HasForeignKey(v => v.UnitId);
        // Nothing is deleted: a violation keeps its follow-ups.
        violation.HasMany(v => v.FollowUps).WithOne().HasForeignKey(f => f.ViolationId).OnDelete(DeleteBehavior.Restrict);
        violation.Navigation(v => v.FollowUps).AutoInclude();
        // The violation list: an estate's violations, newest first, optionally by status.
        violation.HasIndex(v => new { v.EstateId, v.FoundAt, v.Id });
        violation.HasIndex(v => new { v.EstateId, v.Status, v.FoundAt, v.Id });
    }
}
