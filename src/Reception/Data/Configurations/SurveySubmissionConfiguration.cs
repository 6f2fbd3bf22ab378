using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class SurveySubmissionConfiguration : IEntityTypeConfiguration<SurveySubmission>
{
    public void Configure(EntityTypeBuilder<SurveySubmission> submission)
    {
        submission.ToTable("survey_submissions");
        submission.HasKey(s => s.Id);
        submission.Property(s => s.Channel).HasConversion<string>().HasMaxLength(32);
        submission.Property(s => s.RecordedBy).HasMaxLength(200);
        submission.Property(s => s.AverageRating).HasPrecision(4, 2);
        submission.HasOne<Survey>().WithMany().HasForeignKey(s => s.SurveyId);
        submission.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId);
        submission.HasMany(s => s.Answers).WithOne().HasForeignKey(a => a.SubmissionId);
        // Once per unit: the database keeps it so even when two answers race.
        submission.HasIndex(s => new { s.SurveyId, s.UnitId }).IsUnique();
        // The monthly satisfaction report: an estate's responses by submission time.
        submission.HasIndex(s => new { s.EstateId, s.SubmittedAt });
    }
}
