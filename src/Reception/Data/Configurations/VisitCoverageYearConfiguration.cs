using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class VisitCoverageYearConfiguration : IEntityTypeConfiguration<VisitCoverageYear>
{
    public void Configure(EntityTypeBuilder<VisitCoverageYear> year)
    {
        year.ToTable("visit_coverage_years");
        year.HasKey(y => y.Id);
        year.Property(y => y.Version).IsRowVersion();
        year.OwnsOne(y => y.Due, due =>
        {
            due.Property(c => c.Policy).HasMaxLength(64);
            due.HasIndex(c => c.NextCheckAt).HasFilter("due_next_check_at IS NOT NULL");
        });
        // One deadline per estate and year, however often (or on however many replicas) the scheduler runs.
        year.HasIndex(y => new { y.EstateId, y.Year }).IsUnique();
    }
}
