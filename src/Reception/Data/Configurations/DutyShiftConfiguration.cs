using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class DutyShiftConfiguration : IEntityTypeConfiguration<DutyShift>
{
    public void Configure(EntityTypeBuilder<DutyShift> shift)
    {
        shift.ToTable("duty_shifts");
        shift.HasKey(d => d.Id);
        shift.Property(d => d.Supervisor).HasMaxLength(200);
        shift.Property(d => d.SupervisorName).HasMaxLength(200);
        // Who is on duty at an instant, and the roster list.
        shift.HasIndex(d => new { d.EstateId, d.StartsAt, d.Id });
    }
}
