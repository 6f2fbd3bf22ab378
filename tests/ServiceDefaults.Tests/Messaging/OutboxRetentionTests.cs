using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.ServiceDefaults.Tests.Messaging;

public sealed class OutboxRetentionTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    // What reception's OwnerRegistered carries: an owner's name and phone number.
    private const string OwnerPayload = """{"ownerName":"Wang Fang","phone":"13800138000"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sent_outbox_rows_and_handled_inbox_rows_with_personal_data_are_pruned_after_the_retention()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres);
        var now = DateTimeOffset.UtcNow;
        var sentLongAgo = await AddOutboxRowAsync(harness, publishedAt: now.AddDays(-8));
        var sentYesterday = await AddOutboxRowAsync(harness, publishedAt: now.AddDays(-1));
        var neverSent = await AddOutboxRowAsync(harness, publishedAt: null, occurredAt: now.AddDays(-30));
        var parkedLongAgo = await AddOutboxRowAsync(harness, publishedAt: null, occurredAt: now.AddDays(-30), parkedAt: now.AddDays(-20));
        var handledLongAgo = await AddInboxRowAsync(harness, now.AddDays(-8));
        var handledYesterday = await AddInboxRowAsync(harness, now.AddDays(-1));

        // Every service gets it with its outbox; it prunes when it starts, then every PruneInterval.
        var retention = harness.Services.GetServices<IHostedService>().OfType<OutboxRetention<OutboxTestDbContext>>().Should().ContainSingle().Subject;
        await retention.StartAsync(Ct);
        try
        {
            // Outbox and inbox are pruned one after the other: wait for both before stopping.
            await Eventually.Async(
                () => harness.WithDbAsync(async db => !await db.OutboxMessages.AnyAsync(m => m.EventId == sentLongAgo, Ct)
                    && !await db.InboxMessages.AnyAsync(m => m.MessageId == handledLongAgo, Ct)),
                TimeSpan.FromSeconds(30),
                "sent and handled rows older than the 7-day retention should be pruned");
        }
        finally
        {
            await retention.StopAsync(CancellationToken.None);
        }

        (await harness.WithDbAsync(db => db.OutboxMessages.Select(m => m.EventId).ToListAsync(Ct))).Should()
            .BeEquivalentTo([sentYesterday, neverSent, parkedLongAgo], "newer rows, and rows never sent (parked ones too), are kept");
        (await harness.WithDbAsync(db => db.InboxMessages.Select(m => m.MessageId).ToListAsync(Ct))).Should()
            .BeEquivalentTo([handledYesterday], "only inbox rows older than the retention go")
            .And.NotContain(handledLongAgo);
    }

    private static Task<Guid> AddOutboxRowAsync(
        OutboxHarness harness, DateTimeOffset? publishedAt, DateTimeOffset? occurredAt = null, DateTimeOffset? parkedAt = null) =>
        harness.WithDbAsync(async db =>
        {
            var eventId = Guid.NewGuid();
            db.OutboxMessages.Add(new OutboxMessage
            {
                EventId = eventId,
                EventType = "PropertyPlatform.Contracts.Reception.OwnerRegistered, PropertyPlatform.Contracts",
                Payload = OwnerPayload,
                CorrelationId = Guid.NewGuid(),
                OccurredAt = occurredAt ?? publishedAt ?? DateTimeOffset.UtcNow,
                PublishedAt = publishedAt,
                ParkedAt = parkedAt,
            });
            await db.SaveChangesAsync(Ct);
            return eventId;
        });

    private static Task<Guid> AddInboxRowAsync(OutboxHarness harness, DateTimeOffset processedAt) =>
        harness.WithDbAsync(async db =>
        {
            var messageId = Guid.NewGuid();
            db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = "OwnerRegisteredConsumer", ProcessedAt = processedAt });
            await db.SaveChangesAsync(Ct);
            return messageId;
        });
}
