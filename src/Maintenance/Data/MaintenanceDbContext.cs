using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Data;

public sealed class MaintenanceDbContext(DbContextOptions<MaintenanceDbContext> options, EstateScope scope)
    : DbContext(options), IOutboxDbContext, IEstateScopedDbContext
{
    public EstateScope Scope => scope;

    public DbSet<WorkOrder> WorkOrders => Set<WorkOrder>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
        modelBuilder.AddEstateCalendars();

        modelBuilder.Entity<WorkOrder>(workOrder =>
        {
            workOrder.ToTable("work_orders");
            workOrder.HasKey(w => w.Id);
            workOrder.Property(w => w.Urgency).HasConversion<string>().HasMaxLength(32);
            workOrder.Property(w => w.Status).HasConversion<string>().HasMaxLength(32);
            workOrder.Property(w => w.Description).HasMaxLength(4000);
            workOrder.Property(w => w.Version).IsRowVersion();
            // Work orders from before photos have none.
            workOrder.Property(w => w.AttachmentIds).HasDefaultValueSql("'{}'::uuid[]");
            // One work order per request, even if the same request arrived twice by different routes.
            workOrder.HasIndex(w => w.RequestId).IsUnique().HasFilter("request_id IS NOT NULL");
            workOrder.HasIndex(w => new { w.EstateId, w.CreatedAt, w.Id }).IsDescending(false, true, true);
        });

        modelBuilder.ApplyEstateScope(this);
    }
}
