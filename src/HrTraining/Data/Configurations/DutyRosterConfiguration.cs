using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class DutyRosterConfiguration : IEntityTypeConfiguration<DutyRoster>
{
    public void Configure(EntityTypeBuilder<DutyRoster> roster)
    {
        roster.ToTable("duty_rosters");
        roster.HasKey(r => r.Id);
        roster.Property(r => r.PublishedBy).HasMaxLength(200);
        roster.Property(r => r.Version).IsRowVersion();
        // One roster per estate and day: the published roster replaces the day's earlier one.
        roster.HasIndex(r => new { r.EstateId, r.Day }).IsUnique();
    }
}
