using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Data;

public sealed class ReceptionDbContext(DbContextOptions<ReceptionDbContext> options, EstateScope scope)
    : DbContext(options), IOutboxDbContext, IEstateScopedDbContext
{
    /// <summary>Whose estates (and, for an owner, units) this context's queries see.</summary>
    public EstateScope Scope => scope;

    public DbSet<CustomerRequest> Requests => Set<CustomerRequest>();

    public DbSet<Estate> Estates => Set<Estate>();

    public DbSet<Building> Buildings => Set<Building>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<Owner> Owners => Set<Owner>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();

        modelBuilder.Entity<CustomerRequest>(request =>
        {
            request.ToTable("customer_requests");
            request.HasKey(r => r.Id);
            request.Property(r => r.Channel).HasConversion<string>().HasMaxLength(32);
            request.Property(r => r.Category).HasConversion<string>().HasMaxLength(32);
            request.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(32);
            request.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
            request.Property(r => r.Description).HasMaxLength(4000);
            request.Property(r => r.RequesterName).HasMaxLength(200);
            request.Property(r => r.RequesterPhone).HasMaxLength(32);
            request.Property(r => r.SubmittedBy).HasMaxLength(200);
            request.Property(r => r.Version).IsRowVersion();
            request.Property(r => r.FeedbackNote).HasMaxLength(2000);
            request.OwnsOne(r => r.Feedback, feedback =>
            {
                feedback.Property(c => c.Policy).HasMaxLength(64);
                // Open feedback deadlines, soonest first: what the front desk must answer today.
                feedback.HasIndex(c => new { c.CompletedAt, c.DueAt });
            });
            // The request list: an estate's requests, newest first, keyset-paged.
            request.HasIndex(r => new { r.EstateId, r.ReceivedAt, r.Id }).IsDescending(false, true, true);
            request.HasIndex(r => new { r.EstateId, r.Status, r.ReceivedAt });
            request.HasIndex(r => r.WorkOrderId);
            // An owner's own requests: by unit.
            request.HasIndex(r => new { r.UnitId, r.ReceivedAt });
        });

        modelBuilder.Entity<Estate>(estate =>
        {
            estate.ToTable("estates");
            estate.HasKey(e => e.Id);
            estate.Property(e => e.Name).HasMaxLength(200);
            estate.Property(e => e.TimeZoneId).HasMaxLength(64);
            estate.Property(e => e.Currency).HasMaxLength(3).IsFixedLength();
            estate.HasIndex(e => e.Name).IsUnique();
            estate.HasIndex(e => new { e.CreatedAt, e.Id });
        });

        modelBuilder.Entity<Building>(building =>
        {
            building.ToTable("buildings");
            building.HasKey(b => b.Id);
            building.Property(b => b.Code).HasMaxLength(32);
            building.Property(b => b.Name).HasMaxLength(200);
            building.HasOne<Estate>().WithMany().HasForeignKey(b => b.EstateId);
            building.HasIndex(b => new { b.EstateId, b.Code }).IsUnique();
            building.HasIndex(b => new { b.EstateId, b.CreatedAt, b.Id });
        });

        modelBuilder.Entity<Unit>(unit =>
        {
            unit.ToTable("units");
            unit.HasKey(u => u.Id);
            unit.Property(u => u.Number).HasMaxLength(32);
            unit.Property(u => u.FloorArea).HasPrecision(10, 2);
            unit.Property(u => u.Usage).HasConversion<string>().HasMaxLength(32);
            unit.Property(u => u.Status).HasConversion<string>().HasMaxLength(32);
            unit.HasOne<Building>().WithMany().HasForeignKey(u => u.BuildingId);
            unit.HasIndex(u => new { u.BuildingId, u.Number }).IsUnique();
            // The unit list: an estate's units in registration order, keyset-paged.
            unit.HasIndex(u => new { u.EstateId, u.RegisteredAt, u.Id });
        });

        modelBuilder.Entity<Owner>(owner =>
        {
            owner.ToTable("owners");
            owner.HasKey(o => o.Id);
            owner.Property(o => o.FullName).HasMaxLength(200);
            owner.Property(o => o.Phone).HasMaxLength(32);
            owner.Property(o => o.IdNumber).HasMaxLength(32);
            owner.HasIndex(o => new { o.EstateId, o.Phone }).IsUnique();
            owner.HasIndex(o => new { o.EstateId, o.RegisteredAt, o.Id });
            owner.HasIndex(o => o.UnitIds).HasMethod("gin");
        });

        modelBuilder.ApplyEstateScope(this);
    }
}
