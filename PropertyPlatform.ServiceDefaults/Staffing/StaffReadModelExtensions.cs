using MassTransit;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.ServiceDefaults.Staffing;

public static class StaffReadModelExtensions
{
    /// <summary>
    /// Keeps a local copy of hr-training's staff, certifications and duty rosters (one queue, <c>&lt;service&gt;-staff</c>).
    /// The DbContext calls <see cref="AddStaffReadModel(ModelBuilder)"/>; a service that must act when someone goes off
    /// work registers an <see cref="IStaffChangeReactions{TDbContext}"/>.
    /// </summary>
    public static IBusRegistrationConfigurator AddStaffReadModel<TDbContext>(this IBusRegistrationConfigurator bus, string serviceName)
        where TDbContext : DbContext, IOutboxDbContext
    {
        // Named here: the endpoint name formatter cannot name a generic consumer.
        var queue = $"{serviceName}-staff";
        bus.AddConsumer<StaffHiredConsumer<TDbContext>>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<StaffChangedConsumer<TDbContext>>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<EmploymentEndedConsumer<TDbContext>>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<CertificationGrantedConsumer<TDbContext>>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<CertificationRenewedConsumer<TDbContext>>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<CertificationExpiredConsumer<TDbContext>>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<CertificationRevokedConsumer<TDbContext>>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<DutyRosterPublishedConsumer<TDbContext>>().Endpoint(e => e.Name = queue);
        return bus;
    }

    /// <summary>The read model's tables (<c>staff_members</c>, <c>certifications</c>, <c>duty_rosters</c>, <c>duty_shifts</c>); call before <c>ApplyEstateScope</c>.</summary>
    public static ModelBuilder AddStaffReadModel(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<KnownStaffMember>(staff =>
        {
            staff.ToTable("staff_members");
            staff.HasKey(s => s.StaffId);
            staff.Property(s => s.StaffId).ValueGeneratedNever();
            staff.Property(s => s.DisplayName).HasMaxLength(200);
            staff.Property(s => s.Position).HasMaxLength(100);
            // The staff working in an estate (array containment, served by GIN): dispatch, supervisors to alert.
            staff.HasIndex(s => s.EstateIds).HasMethod("gin");
        });
        modelBuilder.Entity<KnownCertification>(certification =>
        {
            certification.ToTable("certifications");
            certification.HasKey(c => c.CertificationId);
            certification.Property(c => c.CertificationId).ValueGeneratedNever();
            certification.Property(c => c.Trade).HasMaxLength(32);
            certification.Property(c => c.Post).HasMaxLength(64);
            certification.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
            certification.Property(c => c.RevokedReason).HasMaxLength(2000);
            certification.HasIndex(c => new { c.StaffId, c.Trade, c.Post });
        });
        modelBuilder.Entity<KnownDutyRoster>(roster =>
        {
            roster.ToTable("duty_rosters");
            roster.HasKey(r => new { r.EstateId, r.Day });
        });
        modelBuilder.Entity<KnownDutyShift>(shift =>
        {
            shift.ToTable("duty_shifts");
            shift.HasKey(s => s.Id);
            shift.Property(s => s.Id).ValueGeneratedNever();
            shift.Property(s => s.Shift).HasMaxLength(32);
            shift.Property(s => s.Trade).HasMaxLength(32);
            shift.Property(s => s.Post).HasMaxLength(64);
            // Replacing a roster (an estate's day), and who is on duty now.
            shift.HasIndex(s => new { s.EstateId, s.Day });
            shift.HasIndex(s => new { s.EstateId, s.StartsAt, s.EndsAt });
        });
        return modelBuilder;
    }
}
