using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.SecurityGate.Domain;

namespace PropertyPlatform.SecurityGate.Data.Configurations;

internal sealed class PatrolRouteConfiguration : IEntityTypeConfiguration<PatrolRoute>
{
    public void Configure(EntityTypeBuilder<PatrolRoute> route)
    {
        route.ToTable("patrol_routes");
        route.HasKey(r => r.Id);
        route.Property(r => r.Id).ValueGeneratedNever();
        route.Property(r => r.Name).HasMaxLength(100);
        route.OwnsMany(r => r.Checkpoints, checkpoint => checkpoint.ToJson("checkpoints"));
        // Two schedulers extending one route: one of them lays the rounds out.
        route.Property(r => r.Version).IsRowVersion();
        route.HasIndex(r => r.ScheduledUntil);
        route.HasIndex(r => new { r.EstateId, r.Name });
    }
}

internal sealed class CheckpointVisitConfiguration : IEntityTypeConfiguration<CheckpointVisit>
{
    public void Configure(EntityTypeBuilder<CheckpointVisit> visit)
    {
        visit.ToTable("checkpoint_visits");
        visit.HasKey(v => v.Id);
        visit.Property(v => v.Id).ValueGeneratedNever();
        visit.Property(v => v.Code).HasMaxLength(64);
        visit.Property(v => v.CheckpointName).HasMaxLength(100);
        visit.Property(v => v.ScannedBy).HasMaxLength(200);
        // A scan and the monitor on one visit at once: one of them reads it again.
        visit.Property(v => v.Version).IsRowVersion();
        visit.Ignore(v => v.Late);
        visit.OwnsOne(v => v.Due, clock =>
        {
            clock.Property(c => c.Policy).HasMaxLength(64);
            clock.HasIndex(c => c.NextCheckAt).HasFilter("due_next_check_at IS NOT NULL");
        });
        visit.Navigation(v => v.Due).IsRequired();
        // One visit per checkpoint and round, however often the rounds are laid out.
        visit.HasIndex(v => new { v.RouteId, v.RoundStartsAt, v.Code }).IsUnique();
        // A scan finds its visit; the list and the KPI read an estate's visits by time.
        visit.HasIndex(v => new { v.EstateId, v.Code, v.ExpectedAt });
        visit.HasIndex(v => new { v.EstateId, v.ExpectedAt, v.Id });
        visit.HasOne<PatrolRoute>().WithMany().HasForeignKey(v => v.RouteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PatrolScanConfiguration : IEntityTypeConfiguration<PatrolScan>
{
    public void Configure(EntityTypeBuilder<PatrolScan> scan)
    {
        scan.ToTable("patrol_scans");
        // The device's id: a resent scan collides here.
        scan.HasKey(s => s.Id);
        scan.Property(s => s.Id).ValueGeneratedNever();
        scan.Property(s => s.Code).HasMaxLength(64);
        scan.Property(s => s.Guard).HasMaxLength(200);
        scan.Property(s => s.Outcome).HasConversion<string>().HasMaxLength(16);
        scan.HasIndex(s => s.VisitId).HasFilter("visit_id IS NOT NULL");
        scan.HasIndex(s => new { s.EstateId, s.ScannedAt });
    }
}

internal sealed class PatrolFindingConfiguration : IEntityTypeConfiguration<PatrolFinding>
{
    public void Configure(EntityTypeBuilder<PatrolFinding> finding)
    {
        finding.ToTable("patrol_findings");
        finding.HasKey(f => f.Id);
        finding.Property(f => f.Id).ValueGeneratedNever();
        finding.Property(f => f.Location).HasMaxLength(200);
        finding.Property(f => f.Description).HasMaxLength(2000);
        finding.Property(f => f.ReportedBy).HasMaxLength(200);
        finding.HasIndex(f => new { f.EstateId, f.ReportedAt, f.Id });
    }
}
