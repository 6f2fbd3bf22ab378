using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class RegisteredDeviceConfiguration : IEntityTypeConfiguration<RegisteredDevice>
{
    public void Configure(EntityTypeBuilder<RegisteredDevice> device)
    {
        device.ToTable("attendance_devices");
        device.HasKey(d => d.Id);
        device.Property(d => d.DeviceId).HasMaxLength(100);
        device.Property(d => d.RegisteredBy).HasMaxLength(200);
        device.HasOne<StaffMember>().WithMany().HasForeignKey(d => d.StaffId).OnDelete(DeleteBehavior.Restrict);
        // A device belongs to one person at a time: one phone cannot sign two people in.
        device.HasIndex(d => d.DeviceId).IsUnique().HasFilter("removed_at IS NULL");
        device.HasIndex(d => d.StaffId);
    }
}
