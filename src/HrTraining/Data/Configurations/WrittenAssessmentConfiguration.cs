using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

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
