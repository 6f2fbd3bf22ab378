using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class WorkLogEntryConfiguration : IEntityTypeConfiguration<WorkLogEntry>
{
    public void Configure(EntityTypeBuilder<WorkLogEntry> entry)
    {
        entry.ToTable("work_log_entries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Clerk).HasMaxLength(200);
        entry.Property(e => e.ClerkName).HasMaxLength(200);
        entry.Property(e => e.Text).HasMaxLength(4000);
        entry.Property(e => e.Shift).HasConversion<string>().HasMaxLength(16);
        // The log of an estate, and of one clerk, newest first; summaries count by estate-local day.
        entry.HasIndex(e => new { e.EstateId, e.WrittenAt, e.Id });
        entry.HasIndex(e => new { e.Clerk, e.WrittenAt, e.Id });
        entry.HasIndex(e => new { e.EstateId, e.Day });
        entry.HasIndex(e => new { e.Clerk, e.Day });
    }
}

internal sealed class WorkReportConfiguration : IEntityTypeConfiguration<WorkReport>
{
    public void Configure(EntityTypeBuilder<WorkReport> report)
    {
        report.ToTable("work_reports");
        report.HasKey(r => r.Id);
        report.Property(r => r.Clerk).HasMaxLength(200);
        report.Property(r => r.ClerkName).HasMaxLength(200);
        report.Property(r => r.Period).HasConversion<string>().HasMaxLength(16);
        report.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        report.Property(r => r.Summary).HasMaxLength(8000);
        report.Property(r => r.NextMonthPlan).HasMaxLength(8000);
        report.Property(r => r.Reviewer).HasMaxLength(200);
        report.Property(r => r.ReviewerName).HasMaxLength(200);
        report.Property(r => r.ReviewComment).HasMaxLength(2000);
        report.Property(r => r.Version).IsRowVersion();
        // One summary per clerk, estate and period.
        report.HasIndex(r => new { r.EstateId, r.Clerk, r.Period, r.FirstDay }).IsUnique();
        // The superior's list, newest first, and a clerk's own.
        report.HasIndex(r => new { r.EstateId, r.SubmittedAt, r.Id });
        report.HasIndex(r => new { r.Clerk, r.SubmittedAt, r.Id });
    }
}

internal sealed class ShiftHandoverConfiguration : IEntityTypeConfiguration<ShiftHandover>
{
    public void Configure(EntityTypeBuilder<ShiftHandover> handover)
    {
        handover.ToTable("shift_handovers");
        handover.HasKey(h => h.Id);
        handover.Property(h => h.Notes).HasMaxLength(2000);
        handover.Property(h => h.AcknowledgedBy).HasMaxLength(200);
        handover.Property(h => h.AcknowledgedByName).HasMaxLength(200);
        // One handover per estate and morning; the list newest first.
        handover.HasIndex(h => new { h.EstateId, h.Day }).IsUnique();
    }
}
