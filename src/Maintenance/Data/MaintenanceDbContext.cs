using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Maintenance.Data;

public sealed class MaintenanceDbContext(DbContextOptions<MaintenanceDbContext> options) : DbContext(options), IOutboxDbContext
{
    public DbSet<WorkOrder> WorkOrders => Set<WorkOrder>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();

        modelBuilder.Entity<WorkOrder>(workOrder =>
        {
            workOrder.ToTable("work_orders");
            workOrder.HasKey(w => w.Id);
            workOrder.Property(w => w.Urgency).HasConversion<string>().HasMaxLength(32);
            workOrder.Property(w => w.Status).HasConversion<string>().HasMaxLength(32);
            workOrder.Property(w => w.Description).HasMaxLength(4000);
            workOrder.Property(w => w.Version).IsRowVersion();
            // One work order per request, even if the same request arrived twice by different routes.
            workOrder.HasIndex(w => w.RequestId).IsUnique().HasFilter("request_id IS NOT NULL");
            workOrder.HasIndex(w => new { w.EstateId, w.CreatedAt, w.Id }).IsDescending(false, true, true);
        });
    }
}
