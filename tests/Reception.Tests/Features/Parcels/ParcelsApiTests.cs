using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Features.Notifications;
using PropertyPlatform.Reception.Features.Parcels;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Parcels;

public sealed class ParcelsApiTests(ReceptionService reception) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Guid _estateId;
    private Guid _unitX;
    private Guid _unitY;

    public async ValueTask InitializeAsync()
    {
        var (estateId, unitIds) = await reception.NewEstateAsync(units: 2);
        (_estateId, _unitX, _unitY) = (estateId, unitIds[0], unitIds[1]);
        _ownerX = await reception.AddOwnerAsync(_estateId, _unitX);
        _ownerY = await reception.AddOwnerAsync(_estateId, _unitY);
    }

    private Guid _ownerX;
    private Guid _ownerY;

    private static async Task<List<NotificationResponse>> InboxAsync(HttpClient owner) =>
        [.. (await owner.GetFromJsonAsync<Page<NotificationResponse>>("/api/reception/notifications", ApiJson.Options, Ct))!.Items];

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private HttpClient Clerk => field ??= reception.CreateClient(TestCaller.Clerk(_estateId));

    private object ParcelFor(Guid unitId, string tracking = "SF1234567890", DateTimeOffset? receivedAt = null) =>
        new { estateId = _estateId, unitId, carrier = "SF Express", trackingNumber = tracking, shelf = "A-3", receivedAt };

    private async Task<ParcelResponse> ReceiveAsync(Guid unitId, string tracking = "SF1234567890", DateTimeOffset? receivedAt = null)
    {
        var response = await Clerk.PostAsJsonAsync("/api/reception/parcels", ParcelFor(unitId, tracking, receivedAt), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<ParcelResponse>(ApiJson.Options, Ct))!;
    }

    private async Task<List<OutboxMessage>> OutboxAboutAsync(Guid id)
    {
        var all = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().OutboxMessages.AsNoTracking().ToListAsync(Ct));
        return [.. all.Where(m => m.Payload.Contains(id.ToString(), StringComparison.Ordinal))];
    }

    [Fact]
    public async Task A_parcel_received_for_a_unit_notifies_its_owners_and_queues_ParcelArrived()
    {
        var parcel = await ReceiveAsync(_unitX, "YT998877");

        var outbox = await OutboxAboutAsync(parcel.Id);
        var message = outbox.Should().ContainSingle(m => m.EventType.StartsWith(typeof(ParcelArrived).FullName!, StringComparison.Ordinal)).Which;
        var arrived = JsonSerializer.Deserialize<ParcelArrived>(message.Payload, ApiJson.Options)!;
        arrived.Should().Match<ParcelArrived>(e => e.ParcelId == parcel.Id && e.UnitId == _unitX && e.EstateId == _estateId
            && e.TrackingNumber == "YT998877" && e.Shelf == "A-3" && e.Carrier == "SF Express");

        var requested = outbox.Where(m => m.EventType.StartsWith(typeof(NotificationRequested).FullName!, StringComparison.Ordinal))
            .Select(m => JsonSerializer.Deserialize<NotificationRequested>(m.Payload, ApiJson.Options)!).Should().ContainSingle().Which;
        requested.Should().Match<NotificationRequested>(r => r.RecipientKind == "owner" && r.RecipientId == _ownerX
            && r.TemplateKey == NotificationTemplates.ParcelArrived && r.Data["shelf"] == "A-3");

        var ownerX = reception.CreateClient(TestCaller.OwnerAccount(_ownerX, _estateId, _unitX));
        var ownerY = reception.CreateClient(TestCaller.OwnerAccount(_ownerY, _estateId, _unitY));
        List<NotificationResponse> forX = [];
        await Eventually.Async(async () => (forX = await InboxAsync(ownerX)).Count > 0, TimeSpan.FromSeconds(30));
        var notification = forX.Should().ContainSingle().Which;
        notification.TemplateKey.Should().Be(NotificationTemplates.ParcelArrived);
        notification.Data["parcelId"].Should().Be(parcel.Id.ToString());
        notification.Body.Should().Contain("A-3").And.Contain("YT998877");
        (await InboxAsync(ownerY)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_owner_marks_their_notification_read_and_cannot_touch_anothers()
    {
        var parcel = await ReceiveAsync(_unitX);
        var ownerX = reception.CreateClient(TestCaller.OwnerAccount(_ownerX, _estateId, _unitX));
        List<NotificationResponse> inbox = [];
        await Eventually.Async(async () => (inbox = await InboxAsync(ownerX)).Count > 0, TimeSpan.FromSeconds(30));
        var notification = inbox.Single();

        var byOther = await reception.CreateClient(TestCaller.OwnerAccount(_ownerY, _estateId, _unitY)).PostAsync($"/api/reception/notifications/{notification.Id}/read", null, Ct);
        var clerkInbox = await InboxAsync(reception.CreateClient(TestCaller.Clerk(_estateId) with { Subject = Guid.NewGuid().ToString() }));
        var read = await ownerX.PostAsync($"/api/reception/notifications/{notification.Id}/read", null, Ct);
        var unread = (await ownerX.GetFromJsonAsync<Page<NotificationResponse>>("/api/reception/notifications?unread=true", ApiJson.Options, Ct))!;

        byOther.StatusCode.Should().Be(HttpStatusCode.NotFound);
        clerkInbox.Should().BeEmpty();
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        (await read.Content.ReadFromJsonAsync<NotificationResponse>(ApiJson.Options, Ct))!.ReadAt.Should().NotBeNull();
        unread.Items.Should().NotContain(n => n.Data["parcelId"] == parcel.Id.ToString());
    }

    [Fact]
    public async Task A_parcel_collected_twice_is_a_conflict()
    {
        var parcel = await ReceiveAsync(_unitX);

        var collected = await Clerk.PostAsJsonAsync($"/api/reception/parcels/{parcel.Id}/collect", new { collectedBy = "Zhang Min" }, Ct);
        var again = await Clerk.PostAsJsonAsync($"/api/reception/parcels/{parcel.Id}/collect", new { collectedBy = "Someone else" }, Ct);

        collected.StatusCode.Should().Be(HttpStatusCode.OK);
        var handedOver = (await collected.Content.ReadFromJsonAsync<ParcelResponse>(ApiJson.Options, Ct))!;
        handedOver.CollectedBy.Should().Be("Zhang Min");
        handedOver.CollectedAt.Should().NotBeNull();
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var stored = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Parcels.SingleAsync(p => p.Id == parcel.Id, Ct));
        stored.CollectedBy.Should().Be("Zhang Min");
    }

    [Fact]
    public async Task Parcels_uncollected_for_N_days_are_listed_until_collected()
    {
        var old = await ReceiveAsync(_unitX, "OLD-1", receivedAt: DateTimeOffset.UtcNow.AddDays(-5));
        var fresh = await ReceiveAsync(_unitY, "NEW-1");

        var threeDays = (await Clerk.GetFromJsonAsync<Page<ParcelResponse>>($"/api/reception/parcels/uncollected?estateId={_estateId}&olderThanDays=3", ApiJson.Options, Ct))!;
        var anyAge = (await Clerk.GetFromJsonAsync<Page<ParcelResponse>>($"/api/reception/parcels/uncollected?estateId={_estateId}&olderThanDays=0", ApiJson.Options, Ct))!;
        await Clerk.PostAsJsonAsync($"/api/reception/parcels/{old.Id}/collect", new { collectedBy = "Zhang Min" }, Ct);
        var afterCollection = (await Clerk.GetFromJsonAsync<Page<ParcelResponse>>($"/api/reception/parcels/uncollected?estateId={_estateId}", ApiJson.Options, Ct))!;

        threeDays.Items.Select(p => p.Id).Should().Equal(old.Id);
        anyAge.Items.Select(p => p.Id).Should().Equal(fresh.Id, old.Id);
        afterCollection.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Owners_list_only_their_own_units_parcels_and_cannot_handle_them()
    {
        var forX = await ReceiveAsync(_unitX, "X-1");
        var forY = await ReceiveAsync(_unitY, "Y-1");
        var ownerX = reception.CreateClient(TestCaller.Owner(_estateId, _unitX));

        var mine = (await ownerX.GetFromJsonAsync<Page<ParcelResponse>>($"/api/reception/parcels?estateId={_estateId}", ApiJson.Options, Ct))!;
        var desk = (await Clerk.GetFromJsonAsync<Page<ParcelResponse>>($"/api/reception/parcels?estateId={_estateId}&waiting=true", ApiJson.Options, Ct))!;

        mine.Items.Select(p => p.Id).Should().Equal(forX.Id);
        desk.Items.Select(p => p.Id).Should().Equal(forY.Id, forX.Id);
        (await ownerX.GetAsync($"/api/reception/parcels/{forY.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ownerX.GetAsync($"/api/reception/parcels/{forX.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ownerX.PostAsJsonAsync($"/api/reception/parcels/{forX.Id}/collect", new { collectedBy = "Me" }, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ownerX.PostAsJsonAsync("/api/reception/parcels", ParcelFor(_unitX), Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ownerX.GetAsync("/api/reception/parcels/uncollected", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_estates_desk_neither_sees_nor_records_this_estates_parcels()
    {
        var parcel = await ReceiveAsync(_unitX);
        var (otherEstate, _) = await reception.NewEstateAsync();
        var otherClerk = reception.CreateClient(TestCaller.Clerk(otherEstate));

        (await otherClerk.GetAsync($"/api/reception/parcels/{parcel.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherClerk.PostAsJsonAsync($"/api/reception/parcels/{parcel.Id}/collect", new { collectedBy = "Thief" }, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherClerk.PostAsJsonAsync("/api/reception/parcels", ParcelFor(_unitX), Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reception.CreateClient(TestCaller.Staff(PlatformRoles.GateGuard, _estateId)).GetAsync("/api/reception/parcels", Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_input_names_every_failing_field_and_stores_nothing()
    {
        var bad = await Clerk.PostAsJsonAsync("/api/reception/parcels",
            new { estateId = _estateId, unitId = Guid.Empty, carrier = "", trackingNumber = "T1", receivedAt = DateTimeOffset.UtcNow.AddHours(2) }, Ct);
        var tooOld = await Clerk.PostAsJsonAsync("/api/reception/parcels", ParcelFor(_unitX, receivedAt: DateTimeOffset.UtcNow.AddDays(-30)), Ct);
        var (_, otherUnits) = await reception.NewEstateAsync();
        var foreignUnit = await Clerk.PostAsJsonAsync("/api/reception/parcels", ParcelFor(otherUnits[0]), Ct);
        var badAge = await Clerk.GetAsync("/api/reception/parcels/uncollected?olderThanDays=-1", Ct);

        (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo(["unitId", "carrier", "shelf", "receivedAt"]);
        (await tooOld.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("receivedAt");
        (await foreignUnit.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("unitId");
        (await badAge.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("olderThanDays");
        var (parcels, events) = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            return (await db.Parcels.CountAsync(p => p.EstateId == _estateId, Ct), (await db.OutboxMessages.AsNoTracking().ToListAsync(Ct)).Count(m => m.Payload.Contains(_estateId.ToString(), StringComparison.Ordinal)));
        });
        parcels.Should().Be(0);
        events.Should().Be(0);
    }
}
