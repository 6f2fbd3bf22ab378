using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> staff)
    {
        staff.ToTable("staff_members");
        // The identity account id: given, never generated here.
        staff.HasKey(s => s.Id);
        staff.Property(s => s.Id).ValueGeneratedNever();
        staff.Ignore(s => s.IsActive);
        staff.Property(s => s.DisplayName).HasMaxLength(200);
        staff.Property(s => s.Position).HasMaxLength(100);
        staff.Property(s => s.Department).HasMaxLength(100);
        staff.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        staff.Property(s => s.EndReason).HasMaxLength(500);
        staff.Property(s => s.Version).IsRowVersion();
        // The estate filter tests overlap with the caller's estates.
        staff.HasIndex(s => s.EstateIds).HasMethod("gin");
        // The staff list, keyset-paged.
        staff.HasIndex(s => new { s.HiredAt, s.Id });
    }
}
