using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Sla;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.ServiceDefaults.Tests.Sla;

public sealed class SlaMonitorTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_breach_is_published_with_the_staff_member_responsible_for_the_clock_or_none()
    {
        await using var harness = await SlaMonitorHarness.CreateAsync(postgres);
        var technician = Guid.NewGuid();
        var held = (await harness.AddTicketsAsync(1, TimeSpan.FromMinutes(30), responsibleId: technician)).Single();
        var unheld = (await harness.AddTicketsAsync(1, TimeSpan.FromMinutes(30))).Single();

        await harness.Monitor.CheckAsync(Ct);

        var published = await harness.WithDbAsync(db => db.OutboxMessages.Where(m => m.EventType.Contains(nameof(SlaBreached))).ToListAsync(Ct));
        var breaches = published.Select(m => JsonSerializer.Deserialize<SlaBreached>(m.Payload, Web)!)
            .ToDictionary(b => b.SubjectId, b => b.ResponsibleStaffId);
        breaches.Should().BeEquivalentTo(new Dictionary<Guid, Guid?> { [held] = technician, [unheld] = null });
    }

    [Fact]
    public async Task Broken_clocks_at_the_head_of_the_queue_do_not_starve_a_valid_due_clock()
    {
        await using var harness = await SlaMonitorHarness.CreateAsync(postgres);
        // Older than the valid one, so they come first in every batch of 500.
        await harness.AddTicketsAsync(501, TimeSpan.FromHours(2), policy: SlaMonitorHarness.OtherPolicy);
        var valid = (await harness.AddTicketsAsync(1, TimeSpan.FromMinutes(30))).Single();

        await harness.Monitor.CheckAsync(Ct);
        await harness.Monitor.CheckAsync(Ct);

        (await harness.BreachedAsync()).Should().Equal([valid], "the valid clock is due and must be breached");
    }

    [Fact]
    public async Task A_row_version_conflict_on_one_clock_does_not_roll_back_the_others()
    {
        await using var harness = await SlaMonitorHarness.CreateAsync(postgres);
        var tickets = await harness.AddTicketsAsync(3, TimeSpan.FromMinutes(30));
        // Someone edits the first ticket after the monitor read it and before it saved.
        harness.AfterRead = () => harness.WithDbAsync(async db =>
        {
            var ticket = await db.Tickets.SingleAsync(t => t.Id == tickets[0], Ct);
            ticket.Note = "owner called again";
            return await db.SaveChangesAsync(Ct);
        });

        await harness.Monitor.CheckAsync(Ct);

        (await harness.BreachedAsync()).Should().BeEquivalentTo(tickets, "the conflicting ticket is read again and checked again, the others are kept");
        (await harness.ClockUpdatesAuditedAsync()).Should().HaveCount(tickets.Count)
            .And.OnlyContain(n => n == 1, "the save that failed leaves no trail behind: each clock's change is audited once");
        (await harness.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(SlaEvent), Ct))).Should()
            .Be(await harness.WithDbAsync(db => db.SlaEvents.CountAsync(Ct)), "each SLA event saved is audited once, and none that was not saved");
        (await harness.WithDbAsync(db => db.Tickets.SingleAsync(t => t.Id == tickets[0], Ct))).Note.Should()
            .Be("owner called again", "the monitor must not overwrite the edit it collided with");
    }

    [Fact]
    public async Task A_pass_that_many_records_changed_under_starts_again_from_a_fresh_read()
    {
        await using var harness = await SlaMonitorHarness.CreateAsync(postgres);
        var tickets = await harness.AddTicketsAsync(12, TimeSpan.FromMinutes(30));
        // A recount touches every ticket after the monitor read them: a save learns of one conflict at a time, so finding
        // them round by round would take twelve saves (each a round trip of the whole pass, under the monitor's lock).
        harness.AfterRead = () => harness.WithDbAsync(async db =>
        {
            foreach (var ticket in await db.Tickets.ToListAsync(Ct))
            {
                ticket.Note = "recounted";
            }

            return await db.SaveChangesAsync(Ct);
        });

        await harness.Monitor.CheckAsync(Ct);

        (await harness.BreachedAsync()).Should().BeEquivalentTo(tickets, "every deadline due when the check began is checked when it returns");
        (await harness.WithDbAsync(db => db.Tickets.Select(t => t.Note).Distinct().ToListAsync(Ct))).Should()
            .Equal(["recounted"], "the monitor must not overwrite the edits it collided with");
        (await harness.BreachEventsAsync()).Should().Be(tickets.Count, "the passes given up recorded nothing");
        (await harness.ClockUpdatesAuditedAsync()).Should().HaveCount(tickets.Count).And.OnlyContain(n => n == 1);
    }

    [Fact]
    public async Task A_backlog_larger_than_one_batch_drains_in_one_round_whatever_each_watch_returns()
    {
        await using var harness = await SlaMonitorHarness.CreateAsync(postgres, options =>
        {
            options.BatchSize = 2;
            options.Interval = TimeSpan.FromHours(1);
        });
        var late = new List<Guid>();
        late.AddRange(await harness.AddTicketsAsync(3, TimeSpan.FromMinutes(30), queue: "a"));
        late.AddRange(await harness.AddTicketsAsync(3, TimeSpan.FromMinutes(30), queue: "b"));

        await harness.Monitor.StartAsync(Ct);
        try
        {
            await Eventually.Async(async () => (await harness.BreachedAsync()).Count == late.Count, TimeSpan.FromSeconds(30),
                "every late clock should be breached in the first round, not one batch per hour");
        }
        finally
        {
            await harness.Monitor.StopAsync(CancellationToken.None);
        }

        (await harness.BreachedAsync()).Should().BeEquivalentTo(late);
    }

    [Fact]
    public async Task A_stopped_clock_left_due_by_a_hand_edited_row_leaves_the_queue_instead_of_looping_the_drain()
    {
        await using var harness = await SlaMonitorHarness.CreateAsync(postgres, options => options.BatchSize = 1);
        var ticket = (await harness.AddTicketsAsync(1, TimeSpan.FromMinutes(30))).Single();
        await harness.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE tickets SET clock_completed_at = now(), clock_next_check_at = now() - interval '1 minute' WHERE id = {ticket}", Ct));

        var first = await harness.Monitor.CheckPassAsync(Ct);
        var second = await harness.Monitor.CheckPassAsync(Ct);

        first.MoreDue.Should().BeTrue("the one due clock filled the batch of one");
        second.Should().Be(new SlaPass(0, MoreDue: false), "evaluating a stopped clock clears its next check");
    }

    [Fact]
    public async Task A_pass_whose_process_stops_answering_gives_up_the_monitor_lock_and_the_next_pass_checks_its_deadlines()
    {
        await using var harness = await SlaMonitorHarness.CreateAsync(postgres, options => options.StalledPassTimeout = TimeSpan.FromSeconds(2));
        var late = await harness.AddTicketsAsync(2, TimeSpan.FromMinutes(30));
        using var frozen = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var reading = new TaskCompletionSource();
        // The first pass reads its due clocks while holding the lock, then its process freezes.
        harness.AfterRead = async () =>
        {
            reading.SetResult();
            await Task.Delay(Timeout.Infinite, frozen.Token);
        };
        var stalled = harness.Monitor.CheckPassAsync(frozen.Token);
        await reading.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var started = DateTimeOffset.UtcNow;
        var checkedNow = await harness.Monitor.CheckAsync(Ct);

        (DateTimeOffset.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(25), "the frozen pass loses the lock after 2 s idle, not when its connection closes");
        checkedNow.Should().Be(2);
        (await harness.BreachedAsync()).Should().BeEquivalentTo(late, "each late clock is breached once, by the pass that went on");
        await frozen.CancelAsync();
        await stalled.Invoking(pass => pass).Should().ThrowAsync<OperationCanceledException>();
    }
}
