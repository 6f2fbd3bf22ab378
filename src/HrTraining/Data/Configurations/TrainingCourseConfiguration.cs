using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> course)
    {
        course.ToTable("training_courses");
        course.HasKey(c => c.Id);
        course.Ignore(c => c.Duty);
        course.Property(c => c.Title).HasMaxLength(200);
        course.Property(c => c.Category).HasConversion<string>().HasMaxLength(16);
        course.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        course.Property(c => c.Name).HasMaxLength(50);
        // The courses list, keyset-paged per estate, optionally by category.
        course.HasIndex(c => new { c.EstateId, c.CreatedAt, c.Id });
        course.HasIndex(c => new { c.EstateId, c.Category, c.CreatedAt, c.Id });
    }
}
