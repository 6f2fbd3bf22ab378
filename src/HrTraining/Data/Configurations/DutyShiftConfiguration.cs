using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class DutyShiftConfiguration : IEntityTypeConfiguration<DutyShift>
{
    public void Configure(EntityTypeBuilder<DutyShift> shift)
    {
        shift.ToTable("duty_shifts");
        shift.HasKey(s => s.Id);
        shift.Ignore(s => s.Duty);
        shift.Property(s => s.StaffName).HasMaxLength(200);
        shift.Property(s => s.Shift).HasMaxLength(50);
        shift.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        shift.Property(s => s.Name).HasMaxLength(50);
        shift.Property(s => s.AssignedBy).HasMaxLength(200);
        shift.HasOne<DutyRoster>().WithMany().HasForeignKey(s => s.RosterId).OnDelete(DeleteBehavior.Cascade);
        shift.HasOne<StaffMember>().WithMany().HasForeignKey(s => s.StaffId).OnDelete(DeleteBehavior.Restrict);
        // "Who is on duty now for a trade or post in an estate" (the staff directory).
        shift.HasIndex(s => new { s.EstateId, s.Kind, s.Name, s.StartsAt });
        // A person's shifts, to refuse overlapping ones.
        shift.HasIndex(s => new { s.StaffId, s.StartsAt });
    }
}
