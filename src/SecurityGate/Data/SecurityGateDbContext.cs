using Microsoft.EntityFrameworkCore;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.SecurityGate.Data;

public sealed class SecurityGateDbContext(DbContextOptions<SecurityGateDbContext> options) : DbContext(options), IOutboxDbContext
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddOutboxAndInbox();
}
