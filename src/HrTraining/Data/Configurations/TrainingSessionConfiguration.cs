using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> session)
    {
        session.ToTable("training_sessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.Trainer).HasMaxLength(200);
        session.HasOne<TrainingCourse>().WithMany().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Restrict);
        // The sessions list, keyset-paged by start per estate (a date range is a range on the same column) or per course.
        session.HasIndex(s => new { s.EstateId, s.StartsAt, s.Id });
        session.HasIndex(s => new { s.CourseId, s.StartsAt, s.Id });
    }
}
