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
    public async Task A_copy_delivered_while_another_is_being_handled_waits_for_it_and_changes_nothing()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres);
        var message = NoteAdded.Create(10);
        var gate = new HandlingGate();

        var first = ConsumeAsync(harness, message, gate: gate);
        await gate.Entered.Task.WaitAsync(Ct);
        var second = ConsumeAsync(harness, message);
        // The second copy either waits on the first's inbox record (as it should) or, looking before the first committed,
        // goes on to handle the event too.
        await Task.WhenAny(second, WaitingOnALockAsync(harness));
        gate.Release.SetResult();

        (await first).Should().BeTrue();
        (await second).Should().BeFalse("the first copy's record was committed while the second waited for it");
        (await harness.WithDbAsync(db => db.Notes.CountAsync(Ct))).Should().Be(1);
    }

    private static async Task WaitingOnALockAsync(OutboxHarness harness)
    {
        while (!await harness.WithDbAsync(db => db.Database.SqlQueryRaw<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock') AS \"Value\"").SingleAsync(Ct)))
        {
            await Task.Delay(20, Ct);
        }
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

    private static async Task<bool> ConsumeAsync(OutboxHarness harness, NoteAdded message, bool failFirst = false, HandlingGate? gate = null)
    {
        await using var scope = harness.Services.CreateAsyncScope();
        var consumer = new NoteAddedConsumer(scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>(), TimeProvider.System)
        {
            FailNextHandle = failFirst,
            Gate = gate,
        };
        return await consumer.ConsumeAsync(message, Ct);
    }
}
