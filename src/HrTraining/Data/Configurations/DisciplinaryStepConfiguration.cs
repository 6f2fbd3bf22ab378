using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

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
