using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts;
using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Contracts.SecurityGate;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Features.Passes;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.TestSupport;

[assembly: AssemblyFixture(typeof(PropertyPlatform.SecurityGate.Tests.SecurityGateService))]

namespace PropertyPlatform.SecurityGate.Tests;

/// <summary>
/// The security-gate service for this test assembly, signing passes with a key of its own as it would with the one in
/// the secret store. Every test makes its own estates, units and owners, so tests never collide. It listens on the
/// broker, on a queue of its own, for what security-gate publishes: what a test reads from <see cref="Published{T}"/>
/// went through the outbox and RabbitMQ, as reception and billing would get it.
/// </summary>
public sealed class SecurityGateService : ServiceUnderTest<Program>
{
    public const string TimeZoneId = "Asia/Shanghai";

    private readonly ConcurrentQueue<object> _published = new();
    private HostReceiveEndpointHandle? _listener;

    protected override string DatabaseConnectionName => SecurityGateServiceExtensions.DatabaseName;

    public override string Audience => SecurityGateServiceExtensions.ServiceName;

    /// <summary>The pass signing key (PEM), as <c>SecurityGate:PassSigningKey</c> would hold it.</summary>
    public string SigningKeyPem { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem();

    protected override void ConfigureService(IWebHostBuilder web) => web.UseSetting(PassSigningKey.SettingName, SigningKeyPem);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _listener = Bus.ConnectReceiveEndpoint($"security-gate-tests-{Guid.NewGuid():N}", endpoint =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.AutoDelete = true;
                rabbit.Durable = false;
            }

            Record<NotificationRequested>(endpoint);
            Record<ChargeRaised>(endpoint);
            Record<PatrolFindingReported>(endpoint);
            Record<IncidentReported>(endpoint);
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

    /// <summary>An estate of its own for a test, with its calendar known to security-gate, as reception would announce it.</summary>
    public Task<Guid> NewEstateAsync(string currency = "CNY") => InScopeAsync(async services =>
    {
        var estateId = Guid.NewGuid();
        var calendar = KnownEstateCalendar.Unknown(estateId);
        calendar.Apply(DateTimeOffset.UtcNow, $"Test estate {estateId:N}", TimeZoneId, currency,
            [.. Enumerable.Range(1, 5).Select(d => new EstateWorkingDay((DayOfWeek)d, new(8, 30), new(17, 30)))]);
        var db = services.GetRequiredService<SecurityGateDbContext>();
        db.Add(calendar);
        await db.SaveChangesAsync();
        return estateId;
    });

    /// <summary>Reception announces an owner of <paramref name="unitId"/> on the broker; returns once security-gate has taken it in.</summary>
    public async Task<OwnerRegistered> RegisterOwnerAsync(Guid estateId, Guid unitId, Guid? ownerId = null)
    {
        var registered = new OwnerRegistered(
            Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), ownerId ?? Guid.NewGuid(), "Li Na", "13812341234", [unitId]);
        await Bus.Publish(registered);
        await Eventually.Async(
            () => InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().UnitOwners.AnyAsync(o => o.OwnerId == registered.OwnerId && o.UnitId == unitId)),
            TimeSpan.FromSeconds(30), "security-gate should learn the unit's owner");
        return registered;
    }

    /// <summary>Reception announces a move-in on the broker; returns once security-gate has taken it in.</summary>
    public async Task<ResidentMovedIn> MoveInAsync(Guid estateId, Guid unitId)
    {
        var movedIn = new ResidentMovedIn(
            Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), unitId, Guid.NewGuid(), Guid.NewGuid(), "Tenant",
            DateOnly.FromDateTime(DateTime.UtcNow), new MeterReadings(1m, 2m, null));
        await Bus.Publish(movedIn);
        await Eventually.Async(
            () => InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().UnitResidents.AnyAsync(r => r.ResidentId == movedIn.ResidentId)),
            TimeSpan.FromSeconds(30), "security-gate should learn the move-in");
        return movedIn;
    }

    /// <summary>The events of type <typeparamref name="TEvent"/> the service has put in its outbox so far.</summary>
    public Task<List<TEvent>> OutboxAsync<TEvent>() => InScopeAsync(async services =>
    {
        var name = typeof(TEvent).FullName!;
        var rows = await services.GetRequiredService<SecurityGateDbContext>().OutboxMessages.AsNoTracking()
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
