using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> answer)
    {
        answer.ToTable("survey_answers");
        answer.HasKey(a => a.Id);
        answer.Property(a => a.Choice).HasMaxLength(200);
        answer.Property(a => a.Text).HasMaxLength(SurveySubmission.MaxTextLength);
        answer.HasIndex(a => new { a.SubmissionId, a.QuestionNumber }).IsUnique();
        // The results, counted per question; the text answers of a question, newest first.
        answer.HasIndex(a => new { a.SurveyId, a.QuestionNumber, a.SubmittedAt, a.Id });
    }
}
