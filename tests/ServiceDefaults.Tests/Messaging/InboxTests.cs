using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.ServiceDefaults.Tests.Messaging;

public sealed class InboxTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_redelivered_event_changes_nothing()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres);
        var message = NoteAdded.Create(7);

        var first = await ConsumeAsync(harness, message);
        var second = await ConsumeAsync(harness, message);

        first.Should().BeTrue();
        second.Should().BeFalse();
        (await harness.WithDbAsync(db => db.Notes.CountAsync(Ct))).Should().Be(1);
    }

    [Fact]
    public async Task Two_copies_delivered_at_once_are_applied_once()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres);
        var message = NoteAdded.Create(8);

        // As the broker's retry would: a copy that lost the race is delivered again.
        async Task DeliverWithRetryAsync()
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ConsumeAsync(harness, message);
                    return;
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => DeliverWithRetryAsync()));

        (await harness.WithDbAsync(db => db.Notes.CountAsync(Ct))).Should().Be(1);
        (await harness.WithDbAsync(db => db.InboxMessages.CountAsync(Ct))).Should().Be(1);
    }

    [Fact]
    public async Task A_failed_handling_leaves_no_trace_so_the_retry_applies_it()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres);
        var message = NoteAdded.Create(9);

        var failing = () => ConsumeAsync(harness, message, failFirst: true);
        await failing.Should().ThrowAsync<InvalidOperationException>();
        (await harness.WithDbAsync(db => db.InboxMessages.CountAsync(Ct))).Should().Be(0);

        (await ConsumeAsync(harness, message)).Should().BeTrue();
        (await harness.WithDbAsync(db => db.Notes.CountAsync(Ct))).Should().Be(1);
    }

    private static async Task<bool> ConsumeAsync(OutboxHarness harness, NoteAdded message, bool failFirst = false)
    {
        await using var scope = harness.Services.CreateAsyncScope();
        var consumer = new NoteAddedConsumer(scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>(), TimeProvider.System)
        {
            FailNextHandle = failFirst,
        };
        return await consumer.ConsumeAsync(message, Ct);
    }
}
