using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class StaffCheckConfiguration : IEntityTypeConfiguration<StaffCheck>
{
    public void Configure(EntityTypeBuilder<StaffCheck> check)
    {
        check.ToTable("staff_checks");
        check.HasKey(c => c.Id);
        check.Ignore(c => c.Failed);
        check.Property(c => c.Area).HasConversion<string>().HasMaxLength(16);
        check.Property(c => c.Frequency).HasConversion<string>().HasMaxLength(16);
        check.Property(c => c.Notes).HasMaxLength(2000);
        check.Property(c => c.CheckedBy).HasMaxLength(200);
        check.Property(c => c.CheckerName).HasMaxLength(200);
        check.HasOne<StaffMember>().WithMany().HasForeignKey(c => c.StaffId).OnDelete(DeleteBehavior.Restrict);
        // One check per person, frequency and period, whoever records it; the appraisal reads a person's by day.
        check.HasIndex(c => new { c.StaffId, c.Frequency, c.PeriodStart }).IsUnique();
        check.HasIndex(c => new { c.StaffId, c.Day });
        // The checks list, keyset-paged per estate.
        check.HasIndex(c => new { c.EstateId, c.RecordedAt, c.Id });
    }
}
