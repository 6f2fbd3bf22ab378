using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class AttendanceSheetDeadlineConfiguration : IEntityTypeConfiguration<AttendanceSheetDeadline>
{
    public void Configure(EntityTypeBuilder<AttendanceSheetDeadline> sheet)
    {
        sheet.ToTable("attendance_sheet_deadlines");
        sheet.HasKey(s => s.Id);
        sheet.Ignore(s => s.IssuedInTime);
        sheet.Property(s => s.IssuedBy).HasMaxLength(200);
        sheet.Property(s => s.Version).IsRowVersion();
        sheet.OwnsOne(s => s.Due, due =>
        {
            due.Property(c => c.Policy).HasMaxLength(64);
            due.HasIndex(c => c.NextCheckAt).HasFilter("due_next_check_at IS NOT NULL");
        });
        // One sheet per estate and month, however often (or on however many replicas) the scheduler runs.
        sheet.HasIndex(s => new { s.EstateId, s.Month }).IsUnique();
    }
}
