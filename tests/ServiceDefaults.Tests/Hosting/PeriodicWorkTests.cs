using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PropertyPlatform.ServiceDefaults.Hosting;

namespace PropertyPlatform.ServiceDefaults.Tests.Hosting;

public sealed class PeriodicWorkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Work(IServiceScopeFactory scopes, TimeProvider time, bool failFirst)
        : PeriodicWork(scopes, time, NullLogger.Instance)
    {
        public ConcurrentQueue<(DateTimeOffset At, IServiceProvider Services)> Passes { get; } = new();

        protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

        protected override string Description => "Test work";

        protected override Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Passes.Enqueue((now, services));
            return failFirst && Passes.Count == 1 ? throw new InvalidOperationException("first pass fails") : Task.CompletedTask;
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10, Ct);
        }

        condition().Should().BeTrue();
    }

    [Fact]
    public async Task Work_runs_at_start_then_every_interval_each_pass_in_its_own_scope_and_a_failed_pass_does_not_stop_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var services = new ServiceCollection().BuildServiceProvider();
        var work = new Work(services.GetRequiredService<IServiceScopeFactory>(), time, failFirst: true);

        await work.StartAsync(Ct);
        await WaitForAsync(() => work.Passes.Count == 1);
        time.Advance(TimeSpan.FromMinutes(10));
        await WaitForAsync(() => work.Passes.Count == 2);
        time.Advance(TimeSpan.FromMinutes(9));
        await Task.Delay(100, Ct);
        var beforeTheInterval = work.Passes.Count;
        await work.StopAsync(Ct);

        var passes = work.Passes.ToArray();
        passes[0].At.Should().Be(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), "the first pass runs at start");
        passes[1].At.Should().Be(new DateTimeOffset(2026, 12, 1, 0, 10, 0, TimeSpan.Zero), "the failed first pass did not stop the timer");
        passes[0].Services.Should().NotBeSameAs(passes[1].Services, "each pass has a scope of its own");
        beforeTheInterval.Should().Be(2, "nothing runs before the interval has passed");
    }
}
