using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.ServiceDefaults.Tests.Messaging;

/// <summary>MapOutboxApi: the parked events of a service, for group admins only.</summary>
public sealed class OutboxApiTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Audience = "test";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_group_admins_see_and_replay_parked_events_and_a_replayed_event_is_published()
    {
        await using var app = await StartAsync();
        var publisher = (RecordingPublisher)app.Services.GetRequiredService<IIntegrationEventPublisher>();

        // The broker refuses it until MaxAttempts (1 here): it is parked. Refused before the event is written, so the
        // dispatcher cannot publish it first.
        publisher.BrokerAvailable = _ => false;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>();
            db.AddIntegrationEvent(NoteAdded.Create(1));
            await db.SaveChangesAsync(Ct);
        }

        await Eventually.Async(async () => (await ListAsync(Client(app, TestCaller.GroupAdmin()))).Items.Count == 1, TimeSpan.FromSeconds(30));
        var parked = (await ListAsync(Client(app, TestCaller.GroupAdmin()))).Items.Single();
        parked.LastError.Should().Contain("Broker unreachable");

        var manager = Client(app, TestCaller.Staff(PlatformRoles.EstateManager, Guid.NewGuid()));
        (await manager.GetAsync("/api/test/outbox/parked", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await manager.PostAsync($"/api/test/outbox/parked/{parked.EventId}/replay", null, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var admin = Client(app, TestCaller.GroupAdmin());
        (await admin.PostAsync($"/api/test/outbox/parked/{Guid.NewGuid()}/replay", null, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        publisher.BrokerAvailable = _ => true;
        (await admin.PostAsync($"/api/test/outbox/parked/{parked.EventId}/replay", null, Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await Eventually.Async(() => publisher.Published.Count == 1, TimeSpan.FromSeconds(30), "the replayed event should be published");
        (await ListAsync(admin)).Items.Should().BeEmpty();
    }

    private static async Task<Page<ParkedEventResponse>> ListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<Page<ParkedEventResponse>>("/api/test/outbox/parked", ApiJson.Options, Ct))!;

    private static HttpClient Client(WebApplication app, TestCaller caller)
    {
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(caller, Audience));
        return client;
    }

    private async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration["ConnectionStrings:test-db"] = await postgres.CreateDatabaseAsync();
        builder.Configuration["Messaging:Outbox:MaxAttempts"] = "1";
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<OutboxTestDbContext>("test-db");
        builder.AddPlatformAuthentication(Audience);
        builder.Services.AddSingleton<IIntegrationEventPublisher, RecordingPublisher>();
        builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options => options.Configuration = TestTokens.Configuration);
        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>();
            await db.Database.EnsureCreatedAsync(Ct);

            // What DatabaseMigrator ensures in a service: a commit to the outbox wakes the dispatcher at once, rather
            // than at its next poll.
            await OutboxWakeup.EnsureTriggerAsync(db, Ct);
        }

        app.MapDefaultEndpoints();
        app.MapGroup("/api/test").MapOutboxApi();
        await app.StartAsync(Ct);
        return app;
    }
}
