using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

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
