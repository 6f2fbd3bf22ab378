using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Notifications;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Notifications;

/// <summary>Reception whose SMTP server does not answer, with retries a second apart.</summary>
public sealed class ReceptionWithUnreachableMail : ReceptionService
{
    protected override bool SendsMail => false;

    protected override void ConfigureService(IWebHostBuilder web)
    {
        base.ConfigureService(web);
        web.UseSetting("ConnectionStrings:mail", $"Endpoint=smtp://127.0.0.1:{ClosedPort()}");
        web.UseSetting("Notifications:RetryDelays:0", "00:00:01");
        web.UseSetting("Notifications:RetryDelays:1", "00:00:01");
    }

    /// <summary>A port nothing listens on: bound for a moment, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class NotificationRetryTests(ReceptionWithUnreachableMail reception) : IClassFixture<ReceptionWithUnreachableMail>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failed_email_is_tried_again_then_shows_failed_to_the_desk_which_can_send_it_again()
    {
        var (estateId, unitIds) = await reception.NewEstateAsync();
        var ownerId = await reception.AddOwnerAsync(estateId, unitIds[0]);
        var owner = reception.CreateClient(TestCaller.OwnerAccount(ownerId, estateId, unitIds[0]));
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        (await owner.PutAsJsonAsync("/api/reception/notifications/preferences", new { email = "li.na@example.com", smsEnabled = false }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var request = new NotificationRequested(
            Guid.CreateVersion7(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), "owner", ownerId, NotificationTemplates.MessageAnswered,
            new Dictionary<string, string> { ["subject"] = "Lift noise", ["messageId"] = Guid.NewGuid().ToString() }, "normal");
        await reception.Bus.Publish(request, Ct);

        DeliveryResponse? failed = null;
        await Eventually.Async(async () =>
            (failed = (await clerk.GetFromJsonAsync<Page<DeliveryResponse>>($"/api/reception/notifications/deliveries?estateId={estateId}&status=Failed", ApiJson.Options, Ct))!
                .Items.SingleOrDefault()) is not null, TimeSpan.FromSeconds(30), "the e-mail given up after its retries");
        failed!.Channel.Should().Be(NotificationChannel.Email);
        failed.Attempts.Should().Be(3, "the first attempt and one per retry delay");
        failed.LastError.Should().NotBeNullOrEmpty();
        (await reception.OutboxAsync<NotificationDeliveryReported>()).Where(r => r.RequestEventId == request.EventId).Select(r => (r.Channel, r.Status, r.Reason))
            .Should().BeEquivalentTo([("app", "sent", (string?)null), ("email", "failed", "failed after 3 attempts")],
                "the asking service hears the e-mail's final failure once, not each attempt, and not the mail server's words");
        // The inbox does not depend on the mail server.
        (await owner.GetFromJsonAsync<Page<NotificationResponse>>("/api/reception/notifications", ApiJson.Options, Ct))!.Items.Should().ContainSingle();

        (await owner.PutAsJsonAsync("/api/reception/notifications/preferences", new { email = "li.na.new@example.com", smsEnabled = false }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var retried = await clerk.PostAsync($"/api/reception/notifications/deliveries/{failed.Id}/retry", null, Ct);
        var byOtherEstate = await reception.CreateClient(TestCaller.Clerk(Guid.NewGuid())).PostAsync($"/api/reception/notifications/deliveries/{failed.Id}/retry", null, Ct);

        retried.StatusCode.Should().Be(HttpStatusCode.OK);
        (await retried.Content.ReadFromJsonAsync<DeliveryResponse>(ApiJson.Options, Ct))!.Should().Match<DeliveryResponse>(d =>
            d.Status == DeliveryStatus.Pending && d.Attempts == 0 && d.Address == "li.na.new@example.com");
        byOtherEstate.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
