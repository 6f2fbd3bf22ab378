using System.Collections.Concurrent;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.Contracts;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.TestSupport;

[assembly: AssemblyFixture(typeof(PropertyPlatform.Billing.Tests.BillingService))]

namespace PropertyPlatform.Billing.Tests;

/// <summary>
/// The billing service for this test assembly; every test makes its own estates and units, so tests never collide. It
/// also listens on the broker, on a queue of its own, for everything billing publishes: what a test reads from
/// <see cref="Published{T}"/> went through the outbox and RabbitMQ, as reception would get it.
/// </summary>
public sealed class BillingService : ServiceUnderTest<Program>
{
    public const string TimeZoneId = "Asia/Shanghai";

    /// <summary>Small chunks, so a run of a few units already writes several chunks inside its one transaction.</summary>
    public const int RunChunkSize = 2;

    private readonly ConcurrentQueue<object> _published = new();
    private HostReceiveEndpointHandle? _listener;

    protected override string DatabaseConnectionName => BillingServiceExtensions.DatabaseName;

    public override string Audience => BillingServiceExtensions.ServiceName;

    public static TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>Today in the test estates (Shanghai).</summary>
    public static DateOnly LocalToday => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZone).DateTime);

    /// <summary>The first day of last month in the test estates: a whole month that has begun and ended.</summary>
    public static DateOnly LastMonth => new DateOnly(LocalToday.Year, LocalToday.Month, 1).AddMonths(-1);

    /// <summary>What the development payment provider signs its callbacks with, in these tests.</summary>
    public const string PaymentProviderSecret = "billing-tests-provider-secret";

    protected override void ConfigureService(IWebHostBuilder web) => web
        .UseSetting("Billing:Runs:ChunkSize", RunChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("Billing:Payments:Development:Secret", PaymentProviderSecret)
        // The development provider calls billing back over HTTP; in process, "over HTTP" is the test server.
        .ConfigureTestServices(services => services.AddHttpClient(DevelopmentPaymentProvider.ProviderName)
            .ConfigurePrimaryHttpMessageHandler(provider => ((TestServer)provider.GetRequiredService<IServer>()).CreateHandler()));

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _listener = Bus.ConnectReceiveEndpoint($"billing-tests-{Guid.NewGuid():N}", endpoint =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.AutoDelete = true;
                rabbit.Durable = false;
            }

            Record<BillIssued>(endpoint);
            Record<PaymentReceived>(endpoint);
            Record<NotificationRequested>(endpoint);
            Record<DunningEscalatedToVisit>(endpoint);
            Record<FeeDisputed>(endpoint);
            Record<ReceivableAdjusted>(endpoint);
            Record<PaymentReversed>(endpoint);
            Record<PaymentRefunded>(endpoint);
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

    /// <summary>An estate of its own for a test, billing in <paramref name="currency"/>, with its calendar known to billing as reception would announce it.</summary>
    public Task<Guid> NewEstateAsync(string currency = "CNY") => InScopeAsync(async services =>
    {
        var estateId = Guid.NewGuid();
        var calendar = KnownEstateCalendar.Unknown(estateId);
        calendar.Apply(DateTimeOffset.UtcNow, $"Test estate {estateId:N}", TimeZoneId, currency,
            [.. Enumerable.Range(1, 5).Select(d => new EstateWorkingDay((DayOfWeek)d, new(8, 30), new(17, 30)))]);
        var db = services.GetRequiredService<BillingDbContext>();
        db.Add(calendar);
        await db.SaveChangesAsync();
        return estateId;
    });

    /// <summary>Runs <paramref name="query"/> on billing's database as the system (every estate).</summary>
    public Task<T> QueryAsync<T>(Func<BillingDbContext, Task<T>> query) => InScopeAsync(services => query(services.GetRequiredService<BillingDbContext>()));

    public override async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.StopAsync();
        }

        await base.DisposeAsync();
    }
}
