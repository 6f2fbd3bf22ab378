using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> survey)
    {
        survey.ToTable("surveys");
        survey.HasKey(s => s.Id);
        survey.Property(s => s.Title).HasMaxLength(200);
        survey.Property(s => s.Status).HasConversion<string>().HasMaxLength(32);
        survey.Property(s => s.CreatedBy).HasMaxLength(200);
        survey.Property(s => s.Version).IsRowVersion();
        // The questions, in order, in a table of their own.
        survey.OwnsMany(s => s.Questions, question =>
        {
            question.ToTable("survey_questions");
            question.WithOwner().HasForeignKey("SurveyId");
            question.HasKey("SurveyId", nameof(SurveyQuestion.Number));
            question.Property(q => q.Kind).HasConversion<string>().HasMaxLength(32);
            question.Property(q => q.Text).HasMaxLength(500);
        });
        survey.Navigation(s => s.Questions).HasField("_questions").UsePropertyAccessMode(PropertyAccessMode.Field);
        survey.HasOne<Estate>().WithMany().HasForeignKey(s => s.EstateId);
        // An estate's surveys, newest first (staff's list; the owner's open ones filtered from it).
        survey.HasIndex(s => new { s.EstateId, s.CreatedAt, s.Id });
    }
}
