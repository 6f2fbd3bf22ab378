using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class TrainingPlanConfiguration : IEntityTypeConfiguration<TrainingPlan>
{
    public void Configure(EntityTypeBuilder<TrainingPlan> plan)
    {
        plan.ToTable("training_plans");
        plan.HasKey(p => p.Id);
        plan.Property(p => p.Title).HasMaxLength(200);
        plan.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        plan.Property(p => p.CreatedBy).HasMaxLength(200);
        plan.Property(p => p.DecidedBy).HasMaxLength(200);
        plan.Property(p => p.DecisionNote).HasMaxLength(1000);
        plan.Property(p => p.Version).IsRowVersion();
        // The plans list, keyset-paged, per estate and optionally per status.
        plan.HasIndex(p => new { p.EstateId, p.CreatedAt, p.Id });
        plan.HasIndex(p => new { p.EstateId, p.Status, p.CreatedAt, p.Id });
    }
}
