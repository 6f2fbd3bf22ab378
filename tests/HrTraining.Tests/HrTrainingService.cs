using System.Collections.Concurrent;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.TestSupport;

[assembly: AssemblyFixture(typeof(PropertyPlatform.HrTraining.Tests.HrTrainingService))]

namespace PropertyPlatform.HrTraining.Tests;

/// <summary>
/// The hr-training service for this test assembly; every test makes its own estates and staff ids, so tests never
/// collide. It also listens on the broker, on a queue of its own, for everything hr-training publishes: what a test
/// reads from <see cref="Published{T}"/> went through the outbox and RabbitMQ, as maintenance or identity would get it.
/// </summary>
public sealed class HrTrainingService : ServiceUnderTest<Program>
{
    public const string TimeZoneId = "Asia/Shanghai";

    private readonly ConcurrentQueue<object> _published = new();
    private HostReceiveEndpointHandle? _listener;

    protected override string DatabaseConnectionName => HrTrainingServiceExtensions.DatabaseName;

    public override string Audience => HrTrainingServiceExtensions.ServiceName;

    public static TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>Today in the test estates (Shanghai).</summary>
    public static DateOnly LocalToday => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZone).DateTime);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _listener = Bus.ConnectReceiveEndpoint($"hr-training-tests-{Guid.NewGuid():N}", endpoint =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.AutoDelete = true;
                rabbit.Durable = false;
            }

            Record<StaffHired>(endpoint);
            Record<StaffChanged>(endpoint);
            Record<EmploymentEnded>(endpoint);
            Record<CertificationGranted>(endpoint);
            Record<CertificationRenewed>(endpoint);
            Record<CertificationRevoked>(endpoint);
            Record<CertificationExpired>(endpoint);
            Record<DutyRosterPublished>(endpoint);
        });
        await _listener.Ready;
    }

    private void Record<T>(IReceiveEndpointConfigurator endpoint)
        where T : class, IIntegrationEvent =>
        endpoint.Handler<T>(context =>
        {
            _published.Enqueue(context.Message);
            return Task.CompletedTask;
        });

    /// <summary>The <typeparamref name="T"/> that reached the broker so far.</summary>
    public IReadOnlyList<T> Published<T>() => [.. _published.OfType<T>()];

    /// <summary>Waits until a <typeparamref name="T"/> matching <paramref name="match"/> arrives through the broker, and returns it.</summary>
    public async Task<T> PublishedAsync<T>(Func<T, bool> match)
    {
        await Eventually.Async(() => Published<T>().Any(match), TimeSpan.FromSeconds(30), $"a {typeof(T).Name} should reach the broker");
        return Published<T>().First(match);
    }

    /// <summary>An estate of its own for a test, with its calendar known to hr-training, as reception would announce it.</summary>
    public Task<Guid> NewEstateAsync() => InScopeAsync(async services =>
    {
        var estateId = Guid.NewGuid();
        var calendar = KnownEstateCalendar.Unknown(estateId);
        calendar.Apply(DateTimeOffset.UtcNow, $"Test estate {estateId:N}", TimeZoneId, "CNY",
            [.. Enumerable.Range(1, 5).Select(d => new EstateWorkingDay((DayOfWeek)d, new(8, 30), new(17, 30)))]);
        var db = services.GetRequiredService<HrTrainingDbContext>();
        db.Add(calendar);
        await db.SaveChangesAsync();
        return estateId;
    });

    /// <summary>The events of type <typeparamref name="TEvent"/> the service has put in its outbox so far.</summary>
    public Task<List<TEvent>> OutboxAsync<TEvent>() => InScopeAsync(async services =>
    {
        var name = typeof(TEvent).FullName!;
        var rows = await services.GetRequiredService<HrTrainingDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.EventType.StartsWith(name)).ToListAsync();
        return rows.Select(m => JsonSerializer.Deserialize<TEvent>(m.Payload, ApiJson.Options)!).ToList();
    });

    public override async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.StopAsync();
        }

        await base.DisposeAsync();
    }
}
