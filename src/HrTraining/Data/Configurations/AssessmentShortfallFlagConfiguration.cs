using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class AssessmentShortfallFlagConfiguration : IEntityTypeConfiguration<AssessmentShortfallFlag>
{
    public void Configure(EntityTypeBuilder<AssessmentShortfallFlag> flag)
    {
        flag.ToTable("assessment_shortfall_flags");
        flag.HasKey(f => f.Id);
        // Once per clerk, estate and week, however many runs or replicas find it.
        flag.HasIndex(f => new { f.EstateId, f.Week, f.StaffId }).IsUnique();
    }
}
