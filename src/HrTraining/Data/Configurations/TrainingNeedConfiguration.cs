using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class TrainingNeedConfiguration : IEntityTypeConfiguration<TrainingNeed>
{
    public void Configure(EntityTypeBuilder<TrainingNeed> need)
    {
        need.ToTable("training_needs");
        need.HasKey(n => n.Id);
        need.Ignore(n => n.Duty);
        need.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
        need.Property(n => n.Name).HasMaxLength(50);
        need.Property(n => n.Reason).HasConversion<string>().HasMaxLength(32);
        need.Property(n => n.Status).HasConversion<string>().HasMaxLength(16);
        need.Property(n => n.Note).HasMaxLength(1000);
        need.Property(n => n.RaisedBy).HasMaxLength(200);
        need.Property(n => n.Version).IsRowVersion();
        need.HasOne<StaffMember>().WithMany().HasForeignKey(n => n.StaffId).OnDelete(DeleteBehavior.Restrict);
        need.HasIndex(n => new { n.StaffId, n.Status });
        need.HasIndex(n => new { n.EstateId, n.RaisedAt, n.Id });
        need.HasIndex(n => n.PlanId);
    }
}
