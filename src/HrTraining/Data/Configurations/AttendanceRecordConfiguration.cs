using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> record)
    {
        record.ToTable("attendance_records");
        record.HasKey(r => r.Id);
        record.Ignore(r => r.IsLate);
        record.Ignore(r => r.LeftEarly);
        record.Property(r => r.SignInDevice).HasMaxLength(100);
        record.Property(r => r.Version).IsRowVersion();
        record.HasOne<DutyShift>().WithMany().HasForeignKey(r => r.ShiftId).OnDelete(DeleteBehavior.Restrict);
        // One sign-in per shift, however often the button is pressed.
        record.HasIndex(r => r.ShiftId).IsUnique();
        // The monthly sheet and the KPI read an estate's month.
        record.HasIndex(r => new { r.EstateId, r.Day });
        record.HasIndex(r => new { r.StaffId, r.Day });
    }
}
