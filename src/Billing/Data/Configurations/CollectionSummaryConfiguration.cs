using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Data.Configurations;

internal sealed class MonthlyCollectionSummaryConfiguration : IEntityTypeConfiguration<MonthlyCollectionSummary>
{
    public void Configure(EntityTypeBuilder<MonthlyCollectionSummary> summary)
    {
        summary.ToTable("monthly_collection_summaries");
        summary.HasKey(s => s.Id);
        summary.Property(s => s.SubmittedBy).HasMaxLength(200);
        summary.Property(s => s.AmountDue).HasPrecision(18, 4);
        summary.Property(s => s.Collected).HasPrecision(18, 4);
        summary.Property(s => s.Version).IsRowVersion();
        summary.OwnsOne(s => s.Due, clock =>
        {
            clock.Property(c => c.Policy).HasMaxLength(64);
            clock.HasIndex(c => c.NextCheckAt).HasFilter("due_next_check_at IS NOT NULL");
        });
        summary.Navigation(s => s.Due).IsRequired();
        summary.HasIndex(s => new { s.EstateId, s.Month }).IsUnique();
    }
}

internal sealed class WeeklyCollectionSummaryConfiguration : IEntityTypeConfiguration<WeeklyCollectionSummary>
{
    public void Configure(EntityTypeBuilder<WeeklyCollectionSummary> summary)
    {
        summary.ToTable("weekly_collection_summaries");
        summary.HasKey(s => s.Id);
        summary.Property(s => s.Id).ValueGeneratedNever();
        summary.Property(s => s.SubmittedBy).HasMaxLength(200);
        summary.Property(s => s.AmountDue).HasPrecision(18, 4);
        summary.Property(s => s.Collected).HasPrecision(18, 4);
        summary.HasIndex(s => new { s.EstateId, s.Week }).IsUnique();
    }
}
