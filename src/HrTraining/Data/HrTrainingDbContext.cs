using Microsoft.EntityFrameworkCore;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.HrTraining.Data;

public sealed class HrTrainingDbContext(DbContextOptions<HrTrainingDbContext> options) : DbContext(options), IOutboxDbContext
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddOutboxAndInbox();
}
