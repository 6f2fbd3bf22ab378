using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class AttendanceSettingsConfiguration : IEntityTypeConfiguration<AttendanceSettings>
{
    public void Configure(EntityTypeBuilder<AttendanceSettings> settings)
    {
        settings.ToTable("attendance_settings");
        settings.HasKey(s => s.EstateId);
        settings.Property(s => s.EstateId).ValueGeneratedNever();
        settings.Property(s => s.ChangedBy).HasMaxLength(200);
    }
}

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

internal sealed class RegisteredDeviceConfiguration : IEntityTypeConfiguration<RegisteredDevice>
{
    public void Configure(EntityTypeBuilder<RegisteredDevice> device)
    {
        device.ToTable("attendance_devices");
        device.HasKey(d => d.Id);
        device.Property(d => d.DeviceId).HasMaxLength(100);
        device.Property(d => d.RegisteredBy).HasMaxLength(200);
        device.HasOne<StaffMember>().WithMany().HasForeignKey(d => d.StaffId).OnDelete(DeleteBehavior.Restrict);
        // A device belongs to one person at a time: one phone cannot sign two people in.
        device.HasIndex(d => d.DeviceId).IsUnique().HasFilter("removed_at IS NULL");
        device.HasIndex(d => d.StaffId);
    }
}

internal sealed class ProxySignInAttemptConfiguration : IEntityTypeConfiguration<ProxySignInAttempt>
{
    public void Configure(EntityTypeBuilder<ProxySignInAttempt> attempt)
    {
        attempt.ToTable("proxy_sign_in_attempts");
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.DeviceId).HasMaxLength(100);
        attempt.Property(a => a.Action).HasMaxLength(16);
        attempt.Property(a => a.Reason).HasConversion<string>().HasMaxLength(32);
        attempt.HasIndex(a => new { a.EstateId, a.AttemptedAt, a.Id });
    }
}

internal sealed class LeaveRequestConfiguration : IEntityTypeConfiguration<LeaveRequest>
{
    public void Configure(EntityTypeBuilder<LeaveRequest> leave)
    {
        leave.ToTable("leave_requests");
        leave.HasKey(l => l.Id);
        leave.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
        leave.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        leave.Property(l => l.Reason).HasMaxLength(500);
        leave.Property(l => l.DecidedBy).HasMaxLength(200);
        leave.Property(l => l.DecisionNote).HasMaxLength(500);
        leave.Property(l => l.Version).IsRowVersion();
        leave.HasOne<StaffMember>().WithMany().HasForeignKey(l => l.StaffId).OnDelete(DeleteBehavior.Restrict);
        leave.HasIndex(l => new { l.StaffId, l.From });
        leave.HasIndex(l => new { l.EstateId, l.RequestedAt, l.Id });
    }
}

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

internal sealed class DisciplinaryStepConfiguration : IEntityTypeConfiguration<DisciplinaryStep>
{
    public void Configure(EntityTypeBuilder<DisciplinaryStep> step)
    {
        step.ToTable("disciplinary_steps");
        step.HasKey(d => d.Id);
        step.Property(d => d.Breach).HasMaxLength(1000);
        step.Property(d => d.Step).HasConversion<string>().HasMaxLength(32);
        step.Property(d => d.Decision).HasConversion<string>().HasMaxLength(16);
        step.Property(d => d.RecordedBy).HasMaxLength(200);
        step.Property(d => d.DecidedBy).HasMaxLength(200);
        step.Property(d => d.DecisionNote).HasMaxLength(1000);
        step.Property(d => d.Version).IsRowVersion();
        step.HasOne<StaffMember>().WithMany().HasForeignKey(d => d.StaffId).OnDelete(DeleteBehavior.Restrict);
        // One rung per breach number: the ladder cannot count the same breach twice.
        step.HasIndex(d => new { d.StaffId, d.BreachNumber }).IsUnique();
    }
}

internal sealed class WrittenAssessmentConfiguration : IEntityTypeConfiguration<WrittenAssessment>
{
    public void Configure(EntityTypeBuilder<WrittenAssessment> assessment)
    {
        assessment.ToTable("written_assessments");
        assessment.HasKey(a => a.Id);
        assessment.Property(a => a.Text).HasMaxLength(4000);
        assessment.Property(a => a.AssessedBy).HasMaxLength(200);
        assessment.Property(a => a.AssessorName).HasMaxLength(200);
        assessment.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.StaffId).OnDelete(DeleteBehavior.Restrict);
        assessment.HasIndex(a => new { a.StaffId, a.Day });
        assessment.HasIndex(a => new { a.EstateId, a.Day });
    }
}

internal sealed class CallbackScoreConfiguration : IEntityTypeConfiguration<CallbackScore>
{
    public void Configure(EntityTypeBuilder<CallbackScore> score)
    {
        score.ToTable("callback_scores");
        // One per callback: a redelivered or repeated outcome updates it rather than counting twice.
        score.HasKey(s => s.CallbackId);
        score.Property(s => s.CallbackId).ValueGeneratedNever();
        score.HasIndex(s => new { s.StaffId, s.CalledAt });
    }
}

internal sealed class SlaMissConfiguration : IEntityTypeConfiguration<SlaMiss>
{
    public void Configure(EntityTypeBuilder<SlaMiss> miss)
    {
        miss.ToTable("sla_misses");
        miss.HasKey(m => m.Id);
        miss.Property(m => m.Id).ValueGeneratedNever();
        miss.Property(m => m.Service).HasMaxLength(64);
        miss.Property(m => m.Subject).HasMaxLength(64);
        miss.Property(m => m.Policy).HasMaxLength(64);
        // One miss per deadline, whichever event carried it.
        miss.HasIndex(m => new { m.Service, m.Subject, m.SubjectId, m.Policy }).IsUnique();
        miss.HasIndex(m => new { m.StaffId, m.BreachedAt });
    }
}

internal sealed class AppraisalActionConfiguration : IEntityTypeConfiguration<AppraisalAction>
{
    public void Configure(EntityTypeBuilder<AppraisalAction> action)
    {
        action.ToTable("appraisal_actions");
        action.HasKey(a => a.Id);
        action.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        action.Property(a => a.Reason).HasMaxLength(1000);
        action.Property(a => a.DecidedBy).HasMaxLength(200);
        action.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.StaffId).OnDelete(DeleteBehavior.Restrict);
        action.HasIndex(a => new { a.StaffId, a.Day });
    }
}
