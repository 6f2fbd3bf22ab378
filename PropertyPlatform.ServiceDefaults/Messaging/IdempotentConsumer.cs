using MassTransit;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts;

namespace PropertyPlatform.ServiceDefaults.Messaging;

/// <summary>
/// A consumer whose effects, its inbox record and any events it raises commit in one transaction.
/// A redelivered event finds its inbox record and changes nothing; of two copies racing each other, the second waits on
/// the first's inbox record and then changes nothing (or, if the first rolled back, handles the event itself).
/// </summary>
public abstract class IdempotentConsumer<TMessage, TDbContext>(TDbContext db, TimeProvider time) : IConsumer<TMessage>
    where TMessage : class, IIntegrationEvent
    where TDbContext : DbContext, IOutboxDbContext
{
    protected TDbContext Db { get; } = db;

    protected TimeProvider Time { get; } = time;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        if (await ConsumeAsync(context.Message, context.CancellationToken))
        {
            await AfterCommitAsync(context.Message, context.CancellationToken);
        }
    }

    /// <summary>Handles <paramref name="message"/> unless this consumer already has; returns whether it did.</summary>
    public async Task<bool> ConsumeAsync(TMessage message, CancellationToken cancellationToken)
    {
        var consumer = GetType().Name;
        var strategy = Db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            Db.ChangeTracker.Clear();
            await using var transaction = await Db.Database.BeginTransactionAsync(ct);
            // The inbox record first, in one statement where a look and a later insert were two: a copy already handled
            // inserts nothing and changes nothing; a copy racing another waits on the other's record, then inserts nothing.
            var recorded = await Db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO inbox_messages (message_id, consumer, processed_at)
                VALUES ({message.EventId}, {consumer}, {Time.GetUtcNow()}) ON CONFLICT DO NOTHING
                """, ct);
            if (recorded == 0)
            {
                return false;
            }

            await HandleAsync(message, ct);
            await Db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>Applies the event to <see cref="Db"/>; do not call <c>SaveChanges</c>, the base class does.</summary>
    protected abstract Task HandleAsync(TMessage message, CancellationToken cancellationToken);

    /// <summary>Runs once what <see cref="HandleAsync"/> did is committed (e.g. to wake a worker that acts on it).</summary>
    protected virtual Task AfterCommitAsync(TMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
}
