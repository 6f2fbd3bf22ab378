using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Reception.Consumers;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Notifications;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Notifications;

public sealed class NotificationsApiTests(ReceptionService reception) : IAsyncLifetime
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Guid _estateId;
    private Guid _unitX;
    private Guid _unitY;
    private Guid _ownerX;
    private Guid _ownerY;

    public async ValueTask InitializeAsync()
    {
        var (estateId, unitIds) = await reception.NewEstateAsync(units: 2);
        (_estateId, _unitX, _unitY) = (estateId, unitIds[0], unitIds[1]);
        _ownerX = await reception.AddOwnerAsync(_estateId, _unitX);
        _ownerY = await reception.AddOwnerAsync(_estateId, _unitY);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private HttpClient Clerk => field ??= reception.CreateClient(TestCaller.Clerk(_estateId));

    private HttpClient OwnerX => field ??= reception.CreateClient(TestCaller.OwnerAccount(_ownerX, _estateId, _unitX));

    private HttpClient OwnerY => field ??= reception.CreateClient(TestCaller.OwnerAccount(_ownerY, _estateId, _unitY));

    private static string NewAddress() => $"owner-{Guid.NewGuid():N}@example.com";

    private static async Task<List<NotificationResponse>> InboxAsync(HttpClient person) =>
        [.. (await person.GetFromJsonAsync<Page<NotificationResponse>>("/api/reception/notifications?limit=100", ApiJson.Options, Ct))!.Items];

    private static async Task<List<NotificationResponse>> WaitForInboxAsync(HttpClient person, int count = 1)
    {
        List<NotificationResponse> inbox = [];
        await Eventually.Async(async () => (inbox = await InboxAsync(person)).Count >= count, Soon, "the notification in the inbox");
        return inbox;
    }

    private async Task<List<DeliveryResponse>> DeliveriesAsync(HttpClient desk, string query = "") =>
        [.. (await desk.GetFromJsonAsync<Page<DeliveryResponse>>($"/api/reception/notifications/deliveries?estateId={_estateId}&limit=100{query}", ApiJson.Options, Ct))!.Items];

    private static async Task ChangePreferencesAsync(HttpClient person, object preferences) =>
        (await person.PutAsJsonAsync("/api/reception/notifications/preferences", preferences, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

    private NotificationRequested Request(Guid recipientId, string urgency = "normal", string kind = "owner", string templateKey = NotificationTemplates.ParcelArrived) =>
        new(Guid.CreateVersion7(), DateTimeOffset.UtcNow, _estateId, Guid.NewGuid(), kind, recipientId, templateKey,
            new Dictionary<string, string> { ["carrier"] = "EMS", ["trackingNumber"] = $"E{Guid.NewGuid():N}"[..12], ["shelf"] = "B-1", ["parcelId"] = Guid.NewGuid().ToString() },
            urgency);

    private async Task ReceiveParcelAsync(Guid unitId, string tracking)
    {
        var response = await Clerk.PostAsJsonAsync("/api/reception/parcels",
            new { estateId = _estateId, unitId, carrier = "SF Express", trackingNumber = tracking, shelf = "C-7" }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_parcel_notification_reaches_the_owners_inbox_mail_and_phone_in_the_owners_language()
    {
        var address = NewAddress();
        await ChangePreferencesAsync(OwnerX, new { language = "en", email = address, smsEnabled = true });

        await ReceiveParcelAsync(_unitX, "SF-EN-0001");
        await ReceiveParcelAsync(_unitY, "SF-ZH-0002");

        using var catcher = new MailCatcher(reception.MailInbox!);
        var mail = (await catcher.WaitForMailToAsync(address, Soon, Ct)).Should().ContainSingle().Which;
        mail.Subject.Should().Be("A parcel is waiting for you");
        mail.Body.Should().Contain("SF-EN-0001").And.Contain("shelf C-7");
        (await WaitForInboxAsync(OwnerX)).Single().Subject.Should().Be("A parcel is waiting for you");
        // The other owner kept the defaults: Chinese, and no e-mail.
        (await WaitForInboxAsync(OwnerY)).Single().Subject.Should().Be("您有快递待取");

        var phoneOfX = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Owners.Where(o => o.Id == _ownerX).Select(o => o.Phone).SingleAsync(Ct));
        var sms = reception.Services.GetRequiredService<RecordingSmsProvider>();
        await Eventually.Async(() => sms.Sent.Any(s => s.Phone == phoneOfX && s.Text.Contains("SF-EN-0001", StringComparison.Ordinal)), Soon, "the SMS recorded");
        // The desk sees each channel's outcome (the mail may arrive just before its delivery is recorded).
        await Eventually.Async(async () => (await DeliveriesAsync(Clerk)).Count(d => d.Status == DeliveryStatus.Sent) == 5, Soon,
            "app, e-mail and SMS for X; app and SMS for Y");
        // And so does the service that asked, each channel once, in the transaction that recorded it.
        var reported = (await reception.OutboxAsync<NotificationDeliveryReported>()).Where(r => r.EstateId == _estateId).ToList();
        reported.Should().HaveCount(5).And.OnlyContain(r => r.Status == "sent" && r.Reason == null);
        reported.Select(r => r.Channel).Should().BeEquivalentTo(["app", "email", "sms", "app", "sms"]);
    }

    [Fact]
    public async Task Quiet_hours_hold_back_mail_until_they_end_but_not_an_urgent_message()
    {
        var address = NewAddress();
        var localNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var quietUntil = localNow.AddHours(2);
        await ChangePreferencesAsync(OwnerX, new
        {
            language = "en",
            email = address,
            smsEnabled = false,
            quietFrom = localNow.AddHours(-1).ToString("HH:mm", CultureInfo.InvariantCulture),
            quietUntil = quietUntil.ToString("HH:mm", CultureInfo.InvariantCulture),
        });

        var normal = Request(_ownerX);
        var urgent = Request(_ownerX, urgency: "urgent");
        await reception.Bus.Publish(normal, Ct);
        await reception.Bus.Publish(urgent, Ct);

        using var catcher = new MailCatcher(reception.MailInbox!);
        var mail = (await catcher.WaitForMailToAsync(address, Soon, Ct)).Should().ContainSingle().Which;
        mail.Body.Should().Contain(urgent.Data["trackingNumber"]);
        var inbox = await WaitForInboxAsync(OwnerX, count: 2);
        var held = inbox.Single(n => n.Data["trackingNumber"] == normal.Data["trackingNumber"]);
        var email = (await DeliveriesAsync(Clerk, "&channel=Email")).Single(d => d.NotificationId == held.Id);
        email.Status.Should().Be(DeliveryStatus.Pending);
        var expectedEnd = new DateTimeOffset(quietUntil.Year, quietUntil.Month, quietUntil.Day, quietUntil.Hour, quietUntil.Minute, 0, quietUntil.Offset);
        email.NextAttemptAt.Should().Be(expectedEnd);
        (await catcher.MailToAsync(address, Ct)).Should().ContainSingle("the held message waits for the end of the quiet hours");
    }

    [Fact]
    public async Task An_estates_own_wording_is_sent_and_wording_with_unknown_fields_is_refused()
    {
        var supervisor = reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, _estateId));
        var path = $"/api/reception/notification-templates/{NotificationTemplates.ParcelArrived}/en?estateId={_estateId}";

        var unknownField = await supervisor.PutAsJsonAsync(path, new { subject = "Parcel for {ownerName}", body = "" }, Ct);
        var byClerk = await Clerk.PutAsJsonAsync(path, new { subject = "Parcel", body = "Shelf {shelf}" }, Ct);
        var otherEstate = await reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, Guid.NewGuid())).GetAsync(path, Ct);
        var own = await supervisor.PutAsJsonAsync(path, new { subject = "North Garden: parcel {trackingNumber}", body = "Collect it from shelf {shelf} before 20:00." }, Ct);

        unknownField.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknownField.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo(["subject", "body"]);
        byClerk.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        otherEstate.StatusCode.Should().Be(HttpStatusCode.NotFound);
        own.StatusCode.Should().Be(HttpStatusCode.OK);

        await ChangePreferencesAsync(OwnerX, new { language = "en" });
        await ReceiveParcelAsync(_unitX, "OWN-WORDING-1");
        var notification = (await WaitForInboxAsync(OwnerX)).Single();
        notification.Subject.Should().Be("North Garden: parcel OWN-WORDING-1");
        notification.Body.Should().Be("Collect it from shelf C-7 before 20:00.");

        (await supervisor.DeleteAsync(path, Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var reverted = (await supervisor.GetFromJsonAsync<TemplateResponse>(path, ApiJson.Options, Ct))!;
        reverted.EstateOwn.Should().BeFalse();
        reverted.Subject.Should().Be(NotificationTemplates.All[NotificationTemplates.ParcelArrived].Defaults["en"].Subject);
    }

    [Fact]
    public async Task A_request_that_cannot_be_delivered_is_recorded_as_failed_for_the_desk_of_its_estate()
    {
        var unknownTemplate = Request(_ownerX, templateKey: "no-such-template");
        var unknownOwner = Request(Guid.NewGuid());
        var missingField = Request(_ownerX) with { Data = new Dictionary<string, string> { ["carrier"] = "EMS" } };
        foreach (var request in new[] { unknownTemplate, unknownOwner, missingField })
        {
            await reception.Bus.Publish(request, Ct);
        }

        List<DeliveryResponse> failed = [];
        await Eventually.Async(async () => (failed = await DeliveriesAsync(Clerk, "&status=Failed")).Count >= 3, Soon, "three failed deliveries");
        failed.Select(d => d.LastError).Should().Satisfy(
            e => e!.Contains("No template 'no-such-template'"),
            e => e!.Contains($"No owner {unknownOwner.RecipientId}"),
            e => e!.Contains("'trackingNumber'"));
        (await reception.OutboxAsync<NotificationDeliveryReported>()).Where(r => r.EstateId == _estateId)
            .Should().BeEquivalentTo(new[] { unknownTemplate, unknownOwner, missingField }.Select(r => new { RequestEventId = r.EventId, Channel = "app", Status = "failed", Reason = "undeliverable" }),
                "the asking service learns that its request could not be delivered at all, without the recipient's details");
        var otherDesk = reception.CreateClient(TestCaller.Clerk(Guid.NewGuid()));
        (await otherDesk.GetFromJsonAsync<Page<DeliveryResponse>>($"/api/reception/notifications/deliveries?estateId={_estateId}", ApiJson.Options, Ct))!
            .Items.Should().BeEmpty();
        (await Clerk.PostAsync($"/api/reception/notifications/deliveries/{failed[0].Id}/retry", null, Ct)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_redelivered_request_makes_one_notification()
    {
        var request = Request(_ownerY);

        var handled = await reception.InScopeAsync(async sp =>
        {
            var results = new List<bool>();
            foreach (var _ in Enumerable.Range(0, 2))
            {
                var consumer = new NotificationRequestedConsumer(
                    sp.GetRequiredService<ReceptionDbContext>(), TimeProvider.System, sp.GetRequiredService<WorkSignal<NotificationSender>>());
                results.Add(await consumer.ConsumeAsync(request, Ct));
            }

            return results;
        });

        handled.Should().Equal(true, false);
        (await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Notifications.CountAsync(n => n.RequestEventId == request.EventId, Ct)))
            .Should().Be(1);
    }

    [Fact]
    public async Task A_notice_for_later_is_neither_shown_nor_sent_before_its_time()
    {
        var address = NewAddress();
        await ChangePreferencesAsync(OwnerX, new { email = address, smsEnabled = false });
        var publishAt = DateTimeOffset.UtcNow.AddHours(3);

        var published = await Clerk.PostAsJsonAsync("/api/reception/notices",
            new { estateId = _estateId, audience = "Unit", unitId = _unitX, title = "Water off", body = "Water is off on Friday 09:00-12:00.", publishAt }, Ct);
        published.StatusCode.Should().Be(HttpStatusCode.Created);

        Notification? held = null;
        await Eventually.Async(async () => (held = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Notifications.AsNoTracking()
            .Include(n => n.Deliveries).SingleOrDefaultAsync(n => n.RecipientId == _ownerX && n.TemplateKey == NotificationTemplates.NoticePublished, Ct))) is not null, Soon);
        held!.VisibleFrom.Should().BeCloseTo(publishAt, TimeSpan.FromMilliseconds(1));
        held.Deliveries.Single(d => d.Channel == NotificationChannel.Email).Should().Match<NotificationDelivery>(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt == held.VisibleFrom);
        (await InboxAsync(OwnerX)).Should().BeEmpty();
        // A unit's notice reaches that unit's owners only.
        (await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Notifications.AnyAsync(n => n.RecipientId == _ownerY, Ct))).Should().BeFalse();
    }

    [Fact]
    public async Task Preferences_with_bad_fields_are_refused_naming_each_and_change_nothing()
    {
        var refused = await OwnerX.PutAsJsonAsync("/api/reception/notifications/preferences",
            new { language = "fr", email = "not-an-address", emailEnabled = true, quietFrom = "25:00" }, Ct);
        var enabledWithoutAddress = await OwnerX.PutAsJsonAsync("/api/reception/notifications/preferences", new { emailEnabled = true }, Ct);
        var sameStartAndEnd = await OwnerX.PutAsJsonAsync("/api/reception/notifications/preferences", new { quietFrom = "22:00", quietUntil = "22:00" }, Ct);

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo(["language", "email", "quietFrom", "quietUntil"]);
        (await enabledWithoutAddress.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("emailEnabled");
        (await sameStartAndEnd.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("quietUntil");
        var kept = (await OwnerX.GetFromJsonAsync<PreferencesResponse>("/api/reception/notifications/preferences", ApiJson.Options, Ct))!;
        kept.Should().Be(new PreferencesResponse("zh", null, false, true, null, null, null));
    }

    [Fact]
    public async Task The_desk_keeps_the_preferences_of_owners_of_its_own_estates_and_an_unlinked_owner_account_has_none()
    {
        var address = NewAddress();
        var path = $"/api/reception/owners/{_ownerY}/notification-preferences";

        var byDesk = await Clerk.PutAsJsonAsync(path, new { language = "en", email = address }, Ct);
        var byOtherDesk = await reception.CreateClient(TestCaller.Clerk(Guid.NewGuid())).PutAsJsonAsync(path, new { language = "zh" }, Ct);
        var unlinked = await reception.CreateClient(TestCaller.Owner(_estateId, _unitY)).GetAsync("/api/reception/notifications/preferences", Ct);

        byDesk.StatusCode.Should().Be(HttpStatusCode.OK);
        byOtherDesk.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unlinked.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var seenByOwner = (await OwnerY.GetFromJsonAsync<PreferencesResponse>("/api/reception/notifications/preferences", ApiJson.Options, Ct))!;
        seenByOwner.Should().Match<PreferencesResponse>(p => p.Language == "en" && p.Email == address && p.EmailEnabled);
        var badFilter = await Clerk.GetAsync($"/api/reception/notifications/deliveries?estateId={_estateId}&status=Sideways", Ct);
        (await badFilter.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("status");
    }

    [Fact]
    public async Task A_staff_member_reads_what_was_sent_to_them_and_nobody_else_does()
    {
        var staffId = Guid.NewGuid();
        var technician = reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, _estateId) with { Subject = staffId.ToString() });
        var colleague = reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, _estateId) with { Subject = Guid.NewGuid().ToString() });
        var request = Request(staffId, kind: "staff", templateKey: NotificationTemplates.MessageAnswered) with
        {
            Data = new Dictionary<string, string> { ["subject"] = "Pump room key", ["messageId"] = Guid.NewGuid().ToString() },
        };

        await reception.Bus.Publish(request, Ct);

        var received = (await WaitForInboxAsync(technician)).Single();
        received.Subject.Should().Be("前台已回复您的留言");
        (await InboxAsync(colleague)).Should().BeEmpty();
        (await DeliveriesAsync(Clerk)).Where(d => d.NotificationId == received.Id).Select(d => d.Channel).Should().Equal(NotificationChannel.App);
    }
}
