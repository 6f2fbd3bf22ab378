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
        // The log of an estate, and of one clerk, newest first; summaries count by estate-local day.
        entry.HasIndex(e => new { e.EstateId, e.WrittenAt, e.Id });
        entry.HasIndex(e => new { e.Clerk, e.WrittenAt, e.Id });
        entry.HasIndex(e => new { e.EstateId, e.Day });
        entry.HasIndex(e => new { e.Clerk, e.Day });
    }
}
