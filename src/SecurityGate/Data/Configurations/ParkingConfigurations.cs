using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.SecurityGate.Domain;

namespace PropertyPlatform.SecurityGate.Data.Configurations;

internal sealed class ParkingTariffConfiguration : IEntityTypeConfiguration<ParkingTariff>
{
    public void Configure(EntityTypeBuilder<ParkingTariff> tariff)
    {
        tariff.ToTable("parking_tariffs");
        tariff.HasKey(t => t.EstateId);
        tariff.Property(t => t.EstateId).ValueGeneratedNever();
        tariff.Property(t => t.HourlyRate).HasPrecision(18, 4);
        tariff.Property(t => t.Currency).HasMaxLength(3).IsFixedLength();
    }
}

internal sealed class ResidentVehicleConfiguration : IEntityTypeConfiguration<ResidentVehicle>
{
    public void Configure(EntityTypeBuilder<ResidentVehicle> vehicle)
    {
        vehicle.ToTable("resident_vehicles");
        vehicle.HasKey(v => v.Id);
        vehicle.Property(v => v.Id).ValueGeneratedNever();
        vehicle.Property(v => v.Plate).HasMaxLength(16);
        // A plate belongs to one unit of an estate at a time; the gate looks it up on every entry.
        vehicle.HasIndex(v => new { v.EstateId, v.Plate }).IsUnique().HasFilter("deregistered_at IS NULL");
        vehicle.HasIndex(v => v.ResidentId);
    }
}

internal sealed class ParkingSessionConfiguration : IEntityTypeConfiguration<ParkingSession>
{
    public void Configure(EntityTypeBuilder<ParkingSession> session)
    {
        session.ToTable("parking_sessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).ValueGeneratedNever();
        session.Property(s => s.Plate).HasMaxLength(16);
        session.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        session.Property(s => s.Fee).HasPrecision(18, 4);
        session.Property(s => s.Currency).HasMaxLength(3).IsFixedLength();
        session.Property(s => s.EnteredBy).HasMaxLength(200);
        session.Property(s => s.ExitedBy).HasMaxLength(200);
        // Exiting twice at once: one exit, one charge.
        session.Property(s => s.Version).IsRowVersion();
        // A vehicle is inside once: a second entry of the same plate while the first is open is refused.
        session.HasIndex(s => new { s.EstateId, s.Plate }).IsUnique().HasFilter("exited_at IS NULL");
        session.HasIndex(s => new { s.EstateId, s.EnteredAt, s.Id });
    }
}
