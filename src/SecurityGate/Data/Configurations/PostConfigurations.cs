using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.SecurityGate.Domain;

namespace PropertyPlatform.SecurityGate.Data.Configurations;

internal sealed class GuardPostConfiguration : IEntityTypeConfiguration<GuardPost>
{
    public void Configure(EntityTypeBuilder<GuardPost> post)
    {
        post.ToTable("guard_posts");
        post.HasKey(p => p.Id);
        post.Property(p => p.Id).ValueGeneratedNever();
        post.Property(p => p.Name).HasMaxLength(100);
        post.Property(p => p.Certification).HasMaxLength(64);
        post.Property(p => p.GuardName).HasMaxLength(200);
        post.Property(p => p.UncoveredReason).HasMaxLength(500);
        // Two guards signing on at once: one of them holds the post.
        post.Property(p => p.Version).IsRowVersion();
        post.HasIndex(p => new { p.EstateId, p.Name });
        // A guard holds one post at a time; taking them off looks them up.
        post.HasIndex(p => p.GuardId).IsUnique().HasFilter("guard_id IS NOT NULL");
    }
}

internal sealed class ShiftHandoverConfiguration : IEntityTypeConfiguration<ShiftHandover>
{
    public void Configure(EntityTypeBuilder<ShiftHandover> handover)
    {
        handover.ToTable("shift_handovers");
        handover.HasKey(h => h.Id);
        handover.Property(h => h.Id).ValueGeneratedNever();
        handover.Property(h => h.ToGuardName).HasMaxLength(200);
        handover.Property(h => h.Notes).HasMaxLength(2000);
        handover.Property(h => h.RecordedBy).HasMaxLength(200);
        // Read and written whole with the handover.
        handover.OwnsMany(h => h.OpenItems, item => item.ToJson("open_items"));
        handover.OwnsMany(h => h.ClosedItems, item => item.ToJson("closed_items"));
        handover.OwnsMany(h => h.Equipment, item => item.ToJson("equipment"));
        handover.HasIndex(h => new { h.PostId, h.HandedOverAt, h.Id });
        handover.HasOne<GuardPost>().WithMany().HasForeignKey(h => h.PostId).OnDelete(DeleteBehavior.Restrict);
    }
}
