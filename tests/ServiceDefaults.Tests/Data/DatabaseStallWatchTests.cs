using Npgsql;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.ServiceDefaults.Tests.Data;

/// <summary>The test fixtures' stall watch: a database timeout in a test names the transaction that held it up.</summary>
public sealed class DatabaseStallWatchTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failure_names_the_session_that_held_a_lock_and_the_long_transaction_seen_before()
    {
        var database = await postgres.CreateDatabaseAsync("stalls");
        await using var stalls = new DatabaseStallWatch(database, longerThan: TimeSpan.FromSeconds(1), every: TimeSpan.FromMilliseconds(500));
        await using var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { ApplicationName = "lock holder" }.ConnectionString);
        await holder.OpenAsync(Ct);
        await using var transaction = await holder.BeginTransactionAsync(Ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(42)", holder, transaction))
        {
            await take.ExecuteNonQueryAsync(Ct);
        }

        await Eventually.Async(() => stalls.Reports.Count > 0, TimeSpan.FromSeconds(30), "a transaction open for over a second should be reported");
        stalls.Reports[^1].Should().Contain("'lock holder' idle in transaction").And.Contain("pg_advisory_xact_lock(42)");

        var waiting = () => stalls.ExplainAsync(async () =>
        {
            await using var waiter = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { ApplicationName = "waiter", CommandTimeout = 2 }.ConnectionString);
            await waiter.OpenAsync(Ct);
            await using var wait = new NpgsqlCommand("SELECT pg_advisory_lock(42)", waiter);
            return await wait.ExecuteNonQueryAsync(Ct);
        });

        var failure = (await waiting.Should().ThrowAsync<InvalidOperationException>()).Which;
        failure.Message.Should().Contain("Open transactions now:").And.Contain("'lock holder' idle in transaction")
            .And.Contain("Long transactions seen before:");
        failure.InnerException.Should().BeAssignableTo<NpgsqlException>();
    }

    [Fact]
    public async Task An_action_still_running_after_its_timeout_fails_with_what_the_database_was_doing()
    {
        var database = await postgres.CreateDatabaseAsync("stalls");
        await using var stalls = new DatabaseStallWatch(database, longerThan: TimeSpan.FromSeconds(20));

        var hanging = () => stalls.ExplainAsync(async () =>
        {
            await Task.Delay(Timeout.Infinite, Ct);
            return 0;
        }, TimeSpan.FromMilliseconds(300));

        var failure = (await hanging.Should().ThrowAsync<InvalidOperationException>()).Which;
        failure.InnerException.Should().BeOfType<TimeoutException>();
        failure.Message.Should().Contain("Open transactions now: no open transaction").And.Contain("No transaction was open longer than 20 s before.");
    }
}
