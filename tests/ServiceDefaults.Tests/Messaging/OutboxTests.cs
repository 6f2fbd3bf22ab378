using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.ServiceDefaults.Tests.Messaging;

public sealed class OutboxTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_is_stored_only_if_the_state_change_commits()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres);

        await harness.InTransactionAsync(async (db, transaction) =>
        {
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Number = 1 });
            db.AddIntegrationEvent(NoteAdded.Create(1));
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        });
        var committed = await harness.AddNoteAsync(2);

        var (notes, events) = await harness.WithDbAsync(async db =>
            (await db.Notes.CountAsync(Ct), await db.OutboxMessages.ToListAsync(Ct)));
        notes.Should().Be(1);
        events.Should().ContainSingle().Which.EventId.Should().Be(committed.EventId);
    }

    [Fact]
    public async Task Pending_events_are_published_once_in_the_order_written_and_marked()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres);
        for (var number = 1; number <= 5; number++)
        {
            await harness.AddNoteAsync(number);
        }

        var first = await harness.Dispatcher.DispatchPendingAsync(Ct);
        var second = await harness.Dispatcher.DispatchPendingAsync(Ct);

        first.Should().Be(new DispatchResult(5, Failed: false));
        second.Published.Should().Be(0);
        harness.Publisher.Published.Select(e => e.Number).Should().Equal(1, 2, 3, 4, 5);
        (await harness.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.PublishedAt == null, Ct))).Should().Be(0);
    }

    [Fact]
    public async Task A_batch_is_handed_to_the_broker_without_waiting_for_each_confirm_in_turn()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres, options =>
        {
            options.MaxPublishesInFlight = 4;
            options.PublishTimeout = TimeSpan.FromMinutes(2); // the held confirms must not time out on a loaded machine
        });
        for (var number = 1; number <= 6; number++)
        {
            await harness.AddNoteAsync(number);
        }

        harness.Publisher.HoldConfirms = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatch = harness.Dispatcher.DispatchPendingAsync(Ct);

        // Waiting one confirm at a time would leave a single publish in flight; the window holds four.
        await Eventually.Async(() => harness.Publisher.InFlight == 4, TimeSpan.FromSeconds(30), "four publishes wait for their confirms together");
        harness.Publisher.Published.Select(e => e.Number).Should().Equal(1, 2, 3, 4);
        harness.Publisher.HoldConfirms.SetResult();

        (await dispatch).Should().Be(new DispatchResult(6, Failed: false));
        harness.Publisher.Published.Select(e => e.Number).Should().Equal(1, 2, 3, 4, 5, 6);
        (await harness.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.PublishedAt == null, Ct))).Should().Be(0);
    }

    [Fact]
    public async Task Of_the_publishes_in_flight_only_those_the_broker_confirmed_are_marked_and_only_the_first_failure_counts()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres, options =>
        {
            options.MaxPublishesInFlight = 4;
            options.PublishTimeout = TimeSpan.FromMinutes(2); // the held confirms must not time out on a loaded machine
        });
        for (var number = 1; number <= 4; number++)
        {
            await harness.AddNoteAsync(number);
        }

        harness.Publisher.HoldConfirms = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Publisher.BrokerAvailable = note => note.Number is not (2 or 4);
        var dispatch = harness.Dispatcher.DispatchPendingAsync(Ct);
        await Eventually.Async(() => harness.Publisher.InFlight == 4, TimeSpan.FromSeconds(30), "1-4 are in flight together");
        harness.Publisher.HoldConfirms.SetResult();

        (await dispatch).Should().Be(new DispatchResult(2, Failed: true), "1 and 3 were confirmed, 2 and 4 refused");
        var pending = await harness.WithDbAsync(db => db.OutboxMessages.Where(m => m.PublishedAt == null).OrderBy(m => m.Sequence).ToListAsync(Ct));
        pending.Select(m => m.Attempts).Should().Equal([1, 0], "2's failure counts towards parking; 4 failed behind it and is simply tried again");
        harness.Publisher.Published.Select(e => e.Number).Should().Equal(1, 3);

        harness.Publisher.HoldConfirms = null;
        harness.Publisher.BrokerAvailable = _ => true;
        (await harness.Dispatcher.DispatchPendingAsync(Ct)).Should().Be(new DispatchResult(2, Failed: false));
        harness.Publisher.Published.Select(e => e.Number).Should().Equal(1, 3, 2, 4);
    }

    [Fact]
    public async Task While_the_broker_is_away_events_wait_and_then_go_out_in_order_with_none_lost()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres);
        for (var number = 1; number <= 5; number++)
        {
            await harness.AddNoteAsync(number);
        }

        harness.Publisher.BrokerAvailable = note => note.Number < 3;
        var duringOutage = await harness.Dispatcher.DispatchPendingAsync(Ct);

        duringOutage.Failed.Should().BeTrue();
        duringOutage.Published.Should().Be(2);
        var stuck = await harness.WithDbAsync(db => db.OutboxMessages.Where(m => m.PublishedAt == null).OrderBy(m => m.Sequence).ToListAsync(Ct));
        stuck.Should().HaveCount(3, "the event that failed and every later one stay pending, so the order is kept");
        stuck[0].Attempts.Should().Be(1);
        stuck[0].LastError.Should().Contain("Broker unreachable");

        harness.Publisher.BrokerAvailable = _ => true;
        var afterOutage = await harness.Dispatcher.DispatchPendingAsync(Ct);

        afterOutage.Published.Should().Be(3);
        harness.Publisher.Published.Select(e => e.Number).Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public async Task Dispatchers_racing_on_one_database_publish_each_event_exactly_once()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres, options => options.BatchSize = 10);
        await harness.WithDbAsync(async db =>
        {
            for (var number = 1; number <= 200; number++)
            {
                db.AddIntegrationEvent(NoteAdded.Create(number));
            }

            return await db.SaveChangesAsync(Ct);
        });

        async Task DrainAsync()
        {
            var idle = 0;
            while (idle < 3)
            {
                var result = await harness.Dispatcher.DispatchPendingAsync(Ct);
                idle = result.Published == 0 ? idle + 1 : 0;
            }
        }

        await Task.WhenAll(DrainAsync(), DrainAsync(), DrainAsync());

        harness.Publisher.Published.Select(e => e.Number).Should().Equal(Enumerable.Range(1, 200));
    }

    [Fact]
    public async Task A_committed_event_wakes_the_running_dispatcher_without_waiting_for_the_poll_whichever_process_wrote_it()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres, options => options.PollInterval = TimeSpan.FromMinutes(5));
        await harness.Listener.StartAsync(Ct);
        await harness.Dispatcher.StartAsync(Ct);
        try
        {
            await Task.Delay(500, Ct);
            await harness.AddNoteAsync(1);
            await harness.InTransactionAsync(async (db, transaction) =>
            {
                db.AddIntegrationEvent(NoteAdded.Create(2));
                await db.SaveChangesAsync(Ct);
                await transaction.CommitAsync(Ct);
            });
            await using (var anotherReplica = AnotherProcessContext(harness))
            {
                anotherReplica.AddIntegrationEvent(NoteAdded.Create(3));
                await anotherReplica.SaveChangesAsync(Ct);
            }

            await Eventually.Async(() => harness.Publisher.Published.Count == 3, TimeSpan.FromSeconds(30));
            harness.Publisher.Published.Select(e => e.Number).Should().Equal(1, 2, 3);
        }
        finally
        {
            await harness.Dispatcher.StopAsync(CancellationToken.None);
            await harness.Listener.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task An_event_rolled_back_wakes_nobody_and_a_listener_whose_connection_was_killed_listens_again()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres, options => options.PollInterval = TimeSpan.FromMinutes(5));
        await harness.Listener.StartAsync(Ct);
        await harness.Dispatcher.StartAsync(Ct);
        try
        {
            await Task.Delay(500, Ct);
            await harness.InTransactionAsync(async (db, transaction) =>
            {
                db.AddIntegrationEvent(NoteAdded.Create(1));
                await db.SaveChangesAsync(Ct);
                await transaction.RollbackAsync(Ct);
            });
            await using (var admin = AnotherProcessContext(harness))
            {
                var killed = await admin.Database.SqlQuery<bool>(
                    $"SELECT pg_terminate_backend(pid) AS \"Value\" FROM pg_stat_activity WHERE application_name LIKE '%outbox listener' AND datname = current_database()").ToListAsync(Ct);
                killed.Should().ContainSingle().Which.Should().BeTrue();
            }

            await using (var anotherReplica = AnotherProcessContext(harness))
            {
                // Until the listener is back, a commit is heard only by the poll: keep writing until one is heard.
                await Eventually.Async(async () =>
                {
                    anotherReplica.AddIntegrationEvent(NoteAdded.Create(2));
                    await anotherReplica.SaveChangesAsync(Ct);
                    await Task.Delay(200, Ct);
                    return harness.Publisher.Published.Count > 0;
                }, TimeSpan.FromSeconds(30));
            }

            harness.Publisher.Published.Should().OnlyContain(e => e.Number == 2, "the rolled-back event never existed");
        }
        finally
        {
            await harness.Dispatcher.StopAsync(CancellationToken.None);
            await harness.Listener.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A context as another replica has it: the same database, none of this harness's services.</summary>
    private static OutboxTestDbContext AnotherProcessContext(OutboxHarness harness) => new(
        new DbContextOptionsBuilder<OutboxTestDbContext>().UseNpgsql(harness.ConnectionString).UseSnakeCaseNamingConvention().Options);

    [Fact]
    public async Task An_event_the_broker_keeps_refusing_is_parked_after_the_configured_attempts_and_the_rest_go_on()
    {
        // One publish at a time: which event fails first must not depend on how the in-flight publishes interleave.
        await using var harness = await OutboxHarness.CreateAsync(postgres, options =>
        {
            options.MaxAttempts = 3;
            options.MaxPublishesInFlight = 1;
        });
        await harness.AddNoteAsync(1);
        await harness.AddNoteAsync(2);
        harness.Publisher.BrokerAvailable = note => note.Number != 1;

        var results = new List<DispatchResult>();
        for (var pass = 0; pass < 3; pass++)
        {
            results.Add(await harness.Dispatcher.DispatchPendingAsync(Ct));
        }

        results.Should().Equal(new DispatchResult(0, Failed: true), new DispatchResult(0, Failed: true), new DispatchResult(1, Failed: false, Parked: 1));
        harness.Publisher.Published.Select(n => n.Number).Should().Equal(2);
        var first = await harness.WithDbAsync(db => db.OutboxMessages.OrderBy(m => m.Sequence).FirstAsync(Ct));
        first.Attempts.Should().Be(3);
        first.ParkedAt.Should().NotBeNull();
        first.LastError.Should().Contain("Broker unreachable");
    }

    [Fact]
    public async Task Failures_while_the_broker_is_away_do_not_count_towards_parking()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres, options =>
        {
            options.MaxAttempts = 1;
            options.PublishTimeout = TimeSpan.FromMilliseconds(200);
        });
        await harness.AddNoteAsync(1);
        harness.Publisher.Hang = true;

        var result = await harness.Dispatcher.DispatchPendingAsync(Ct);

        result.Should().Be(new DispatchResult(0, Failed: true));
        var stored = await harness.WithDbAsync(db => db.OutboxMessages.SingleAsync(Ct));
        stored.ParkedAt.Should().BeNull("a publish that timed out says nothing about the event");
        stored.Attempts.Should().Be(0);
    }

    [Fact]
    public async Task Outbox_order_is_insertion_order_not_commit_order_for_overlapping_transactions()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres);

        // A is inserted first but its transaction commits after B's: both are committed when the dispatcher looks.
        await WhileAnEventIsUncommittedAsync(harness, 1, async () => await harness.AddNoteAsync(2));
        await harness.AddNoteAsync(3);
        await harness.Dispatcher.DispatchPendingAsync(Ct);

        harness.Publisher.Published.Select(e => e.Number).Should().Equal(
            [1, 2, 3], "the sequence is taken at insert, so the late committer goes first; 3 was written after both committed and follows them");
    }

    [Fact]
    public async Task An_event_whose_transaction_commits_after_later_events_were_published_is_still_published()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres);

        await WhileAnEventIsUncommittedAsync(harness, 1, async () =>
        {
            await harness.AddNoteAsync(2);
            await harness.AddNoteAsync(3);
            (await harness.Dispatcher.DispatchPendingAsync(Ct)).Published.Should().Be(2, "an uncommitted event is not waited for");
        });
        await harness.Dispatcher.DispatchPendingAsync(Ct);

        harness.Publisher.Published.Select(e => e.Number).Should().Equal(
            [2, 3, 1], "what was committed first went first, in the order written; the late event is not skipped for its lower sequence");
    }

    /// <summary>Inserts event <paramref name="number"/> in a transaction that stays open while <paramref name="meanwhile"/> runs, then commits it.</summary>
    private static async Task WhileAnEventIsUncommittedAsync(OutboxHarness harness, int number, Func<Task> meanwhile)
    {
        await using var scope = harness.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.AddIntegrationEvent(NoteAdded.Create(number));
            await db.SaveChangesAsync(Ct);
            await meanwhile();
            await transaction.CommitAsync(Ct);
        });
    }
}
