using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> enrolment)
    {
        enrolment.ToTable("training_enrolments");
        enrolment.HasKey(e => e.Id);
        enrolment.Ignore(e => e.IsOpen);
        enrolment.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        enrolment.Property(e => e.PracticalSignedBy).HasMaxLength(200);
        enrolment.Property(e => e.Version).IsRowVersion();
        enrolment.HasOne<TrainingSession>().WithMany().HasForeignKey(e => e.SessionId).OnDelete(DeleteBehavior.Restrict);
        enrolment.HasOne<StaffMember>().WithMany().HasForeignKey(e => e.StaffId).OnDelete(DeleteBehavior.Restrict);
        // Once per person and session.
        enrolment.HasIndex(e => new { e.SessionId, e.StaffId }).IsUnique();
    }
}
