using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class RepairAppointmentConfiguration : IEntityTypeConfiguration<RepairAppointment>
{
    public void Configure(EntityTypeBuilder<RepairAppointment> appointment)
    {
        appointment.ToTable("repair_appointments");
        appointment.HasKey(a => a.Id);
        appointment.Property(a => a.Id).ValueGeneratedNever();
        appointment.Property(a => a.Trade).HasMaxLength(32);
        appointment.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        appointment.Property(a => a.ConfirmedBy).HasMaxLength(200);
        appointment.Property(a => a.Version).IsRowVersion();
        // The desk's list of an estate's proposals waiting for an answer, soonest first.
        appointment.HasIndex(a => new { a.EstateId, a.Status, a.ProposedStartsAt, a.Id });
        // A work order's proposals, to supersede the older ones.
        appointment.HasIndex(a => a.WorkOrderId);
    }
}
