using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class EmergencyAlertConfiguration : IEntityTypeConfiguration<EmergencyAlert>
{
    public void Configure(EntityTypeBuilder<EmergencyAlert> alert)
    {
        alert.ToTable("emergency_alerts");
        alert.HasKey(a => a.Id);
        alert.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        alert.Property(a => a.Description).HasMaxLength(4000);
        alert.Property(a => a.OnDutySupervisor).HasMaxLength(200);
        alert.Property(a => a.OnDutySupervisorName).HasMaxLength(200);
        alert.Property(a => a.AcknowledgedBy).HasMaxLength(200);
        alert.Property(a => a.ActionTaken).HasMaxLength(2000);
        alert.Property(a => a.Version).IsRowVersion();
        alert.OwnsOne(a => a.Acknowledged, clock =>
        {
            clock.Property(c => c.Policy).HasMaxLength(64);
            clock.HasIndex(c => c.NextCheckAt).HasFilter("acknowledged_next_check_at IS NOT NULL");
        });
        alert.HasIndex(a => new { a.EstateId, a.RaisedAt, a.Id });
        alert.HasIndex(a => new { a.UnitId, a.RaisedAt });
    }
}
