using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.SecurityGate.Domain;

namespace PropertyPlatform.SecurityGate.Data.Configurations;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> incident)
    {
        incident.ToTable("incidents");
        incident.HasKey(i => i.Id);
        incident.Property(i => i.Id).ValueGeneratedNever();
        incident.Property(i => i.Kind).HasConversion<string>().HasMaxLength(32);
        incident.Property(i => i.Severity).HasConversion<string>().HasMaxLength(16);
        incident.Property(i => i.Location).HasMaxLength(200);
        incident.Property(i => i.Description).HasMaxLength(2000);
        incident.Property(i => i.ReportedBy).HasMaxLength(200);
        incident.Property(i => i.HandledBy).HasMaxLength(200);
        incident.Property(i => i.Resolution).HasMaxLength(2000);
        // Handled twice at once: one of them.
        incident.Property(i => i.Version).IsRowVersion();
        incident.HasIndex(i => new { i.EstateId, i.ReportedAt, i.Id });
    }
}

internal sealed class FireCheckRoutineConfiguration : IEntityTypeConfiguration<FireCheckRoutine>
{
    public void Configure(EntityTypeBuilder<FireCheckRoutine> routine)
    {
        routine.ToTable("fire_check_routines");
        routine.HasKey(r => r.Id);
        routine.Property(r => r.Id).ValueGeneratedNever();
        routine.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        routine.Property(r => r.Location).HasMaxLength(200);
        routine.Property(r => r.Version).IsRowVersion();
        // The scheduler: routines whose latest deadline has passed.
        routine.HasIndex(r => r.LaidOutUntil);
        routine.HasIndex(r => r.EstateId);
    }
}

internal sealed class FireCheckConfiguration : IEntityTypeConfiguration<FireCheck>
{
    public void Configure(EntityTypeBuilder<FireCheck> check)
    {
        check.ToTable("fire_checks");
        check.HasKey(c => c.Id);
        check.Property(c => c.Id).ValueGeneratedNever();
        check.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        check.Property(c => c.Location).HasMaxLength(200);
        check.Property(c => c.DoneBy).HasMaxLength(200);
        check.Property(c => c.Notes).HasMaxLength(2000);
        check.Property(c => c.Version).IsRowVersion();
        check.OwnsOne(c => c.Done, clock =>
        {
            clock.Property(c => c.Policy).HasMaxLength(64);
            clock.HasIndex(c => c.NextCheckAt).HasFilter("done_next_check_at IS NOT NULL");
        });
        check.Navigation(c => c.Done).IsRequired();
        // One check per routine and deadline, however many schedulers run.
        check.HasIndex(c => new { c.RoutineId, c.DueAt }).IsUnique();
        check.HasIndex(c => new { c.EstateId, c.DueAt, c.Id });
        check.HasOne<FireCheckRoutine>().WithMany().HasForeignKey(c => c.RoutineId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SecurityPlanEvaluationConfiguration : IEntityTypeConfiguration<SecurityPlanEvaluation>
{
    public void Configure(EntityTypeBuilder<SecurityPlanEvaluation> evaluation)
    {
        evaluation.ToTable("security_plan_evaluations");
        evaluation.HasKey(e => e.Id);
        evaluation.Property(e => e.Id).ValueGeneratedNever();
        evaluation.Property(e => e.Plan).HasMaxLength(200);
        evaluation.Property(e => e.Findings).HasMaxLength(4000);
        evaluation.Property(e => e.Actions).HasMaxLength(4000);
        evaluation.Property(e => e.RecordedBy).HasMaxLength(200);
        evaluation.HasIndex(e => new { e.EstateId, e.RecordedAt, e.Id });
    }
}

internal sealed class SafetyTrainingSessionConfiguration : IEntityTypeConfiguration<SafetyTrainingSession>
{
    public void Configure(EntityTypeBuilder<SafetyTrainingSession> session)
    {
        session.ToTable("safety_training_sessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).ValueGeneratedNever();
        session.Property(s => s.Topic).HasMaxLength(200);
        session.Property(s => s.Trainer).HasMaxLength(200);
        session.Property(s => s.Notes).HasMaxLength(4000);
        session.Property(s => s.RecordedBy).HasMaxLength(200);
        session.HasIndex(s => new { s.EstateId, s.RecordedAt, s.Id });
    }
}
