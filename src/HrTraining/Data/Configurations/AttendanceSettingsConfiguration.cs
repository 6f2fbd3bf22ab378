using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class AttendanceSettingsConfiguration : IEntityTypeConfiguration<AttendanceSettings>
{
    public void Configure(EntityTypeBuilder<AttendanceSettings> settings)
    {
        settings.ToTable("attendance_settings");
        settings.HasKey(s => s.EstateId);
        settings.Property(s => s.EstateId).ValueGeneratedNever();
        settings.Property(s => s.ChangedBy).HasMaxLength(200);
    }
}
