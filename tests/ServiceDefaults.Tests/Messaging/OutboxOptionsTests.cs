using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.ServiceDefaults.Tests.Messaging;

/// <summary>Messaging:Outbox settings the dispatcher cannot run with stop the service at start, naming the setting.</summary>
public sealed class OutboxOptionsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string ConnectionName = "test-db";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_service_allowing_no_publishes_in_flight_refuses_to_start_naming_the_setting()
    {
        await using var app = await ServiceAsync(("Messaging:Outbox:MaxPublishesInFlight", "0"));

        var start = () => app.StartAsync(Ct);

        (await start.Should().ThrowAsync<OptionsValidationException>())
            .WithMessage("*Messaging:Outbox:MaxPublishesInFlight is 0: it must be at least 1*");
    }

    [Fact]
    public async Task A_service_with_the_default_outbox_settings_starts()
    {
        await using var app = await ServiceAsync();

        var start = () => app.StartAsync(Ct);

        await start.Should().NotThrowAsync();
        await app.StopAsync(Ct);
    }

    [Theory]
    [InlineData("MaxPublishesInFlight", "-1", "at least 1")]
    [InlineData("BatchSize", "0", "at least 1")]
    [InlineData("MaxAttempts", "0", "at least 1")]
    [InlineData("PollInterval", "00:00:00", "more than zero and at most")]
    [InlineData("PollInterval", "60.00:00:00", "more than zero and at most")]
    [InlineData("PublishTimeout", "-00:00:01", "more than zero and at most")]
    [InlineData("MaxRetryDelay", "00:00:00", "more than zero")]
    [InlineData("Retention", "00:00:00", "more than zero")]
    [InlineData("PruneInterval", "00:00:00", "more than zero and at most")]
    public async Task An_outbox_setting_the_dispatcher_cannot_run_with_is_refused_by_name(string setting, string value, string rule)
    {
        await using var app = Built(($"Messaging:Outbox:{setting}", value));

        var read = () => app.Services.GetRequiredService<IOptions<OutboxOptions>>().Value;

        read.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().ContainSingle().Which.Should().StartWith($"Messaging:Outbox:{setting} is ").And.Contain($"it must be {rule}");
    }

    /// <summary>A started service's wiring: the outbox bound from configuration, a real database, an in-process server.</summary>
    private async Task<WebApplication> ServiceAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration[$"ConnectionStrings:{ConnectionName}"] = await postgres.CreateDatabaseAsync();
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.AddServiceDefaults();
        builder.AddServiceDatabase<OutboxTestDbContext>(ConnectionName);
        builder.Services.AddSingleton<IIntegrationEventPublisher, RecordingPublisher>();
        var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>();
        await db.Database.EnsureCreatedAsync(Ct);
        await OutboxWakeup.EnsureTriggerAsync(db, Ct);
        return app;
    }

    /// <summary>A service's outbox wiring, built but never started (no database is opened).</summary>
    private static WebApplication Built(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration[$"ConnectionStrings:{ConnectionName}"] = "Host=localhost;Database=never_opened";
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.AddServiceDatabase<OutboxTestDbContext>(ConnectionName);
        return builder.Build();
    }
}
