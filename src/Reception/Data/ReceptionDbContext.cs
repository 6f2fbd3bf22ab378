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
            // The request list: an estate's requests, newest first, keyset-paged.
            request.HasIndex(r => new { r.EstateId, r.ReceivedAt, r.Id }).IsDescending(false, true, true);
            request.HasIndex(r => new { r.EstateId, r.Status, r.ReceivedAt });
            request.HasIndex(r => r.WorkOrderId);
            // An owner's own requests: by unit.
            request.HasIndex(r => new { r.UnitId, r.ReceivedAt });
        });

        modelBuilder.ApplyEstateScope(this);
    }
}
