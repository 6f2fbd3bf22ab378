using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Notices;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Notices;

public sealed class NoticesApiTests(ReceptionService reception) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Building 1 holds units X and Y; building 2 holds unit Z.
    private Guid _estateId;
    private Guid _building1;
    private Guid _building2;
    private Guid _unitX;
    private Guid _unitY;
    private Guid _unitZ;

    public async ValueTask InitializeAsync()
    {
        var (estateId, unitIds) = await reception.NewEstateAsync(units: 2);
        (_estateId, _unitX, _unitY) = (estateId, unitIds[0], unitIds[1]);
        (_building1, _building2, _unitZ) = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var first = await db.Units.Where(u => u.Id == _unitX).Select(u => u.BuildingId).SingleAsync(Ct);
            var now = DateTimeOffset.UtcNow;
            var second = Building.Create(_estateId, "2", "Building 2", now);
            var unit = Unit.Register(_estateId, second.Id, "201", 2, 90m, UnitUsage.Residential, UnitStatus.Occupied, now);
            db.AddRange(second, unit);
            await db.SaveChangesAsync(Ct);
            return (first, second.Id, unit.Id);
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private HttpClient Clerk => field ??= reception.CreateClient(TestCaller.Clerk(_estateId));

    private async Task<NoticeResponse> PublishAsync(string title, string audience, Guid? buildingId = null, Guid? unitId = null, DateTimeOffset? publishAt = null, Guid? estateId = null, HttpClient? client = null)
    {
        var response = await (client ?? Clerk).PostAsJsonAsync("/api/reception/notices",
            new { estateId = estateId ?? _estateId, audience, buildingId, unitId, title, body = "Details at the front desk.", publishAt }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<NoticeResponse>(ApiJson.Options, Ct))!;
    }

    [Fact]
    public async Task An_owner_reads_the_notices_of_their_estate_building_and_unit_and_nothing_else()
    {
        var estateWide = await PublishAsync("Fire drill", "estate");
        var ownBuilding = await PublishAsync("Lift maintenance in building 1", "building", buildingId: _building1);
        var ownUnit = await PublishAsync("Your meter will be read", "unit", unitId: _unitX);
        var otherBuilding = await PublishAsync("Lift maintenance in building 2", "building", buildingId: _building2);
        var otherUnit = await PublishAsync("Neighbour's meter", "unit", unitId: _unitY);
        var scheduled = await PublishAsync("Next week's water cut", "estate", publishAt: DateTimeOffset.UtcNow.AddDays(2).ToOffset(TimeSpan.FromHours(8)));
        var expired = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var now = DateTimeOffset.UtcNow;
            var notice = Notice.Publish(_estateId, NoticeAudience.Estate, null, null, "Last month's fair", "Over", now.AddDays(-30), now.AddDays(-20), "clerk-x", now.AddDays(-30));
            db.Notices.Add(notice);
            await db.SaveChangesAsync(Ct);
            return notice.Id;
        });
        var (otherEstate, _) = await reception.NewEstateAsync();
        var elsewhere = await PublishAsync("Another estate's fair", "estate", estateId: otherEstate, client: reception.CreateClient(TestCaller.Clerk(otherEstate)));
        var owner = reception.CreateClient(TestCaller.Owner(_estateId, _unitX));

        var mine = (await owner.GetFromJsonAsync<Page<NoticeResponse>>("/api/reception/notices/mine", ApiJson.Options, Ct))!;

        mine.Items.Select(n => n.Id).Should().Equal(ownUnit.Id, ownBuilding.Id, estateWide.Id);
        foreach (var hidden in new[] { otherBuilding.Id, otherUnit.Id, scheduled.Id, expired, elsewhere.Id })
        {
            (await owner.GetAsync($"/api/reception/notices/{hidden}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        (await owner.GetAsync($"/api/reception/notices/{ownBuilding.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await owner.GetAsync($"/api/reception/notices?estateId={_estateId}", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var ownerZ = (await reception.CreateClient(TestCaller.Owner(_estateId, _unitZ))
            .GetFromJsonAsync<Page<NoticeResponse>>("/api/reception/notices/mine", ApiJson.Options, Ct))!;
        ownerZ.Items.Select(n => n.Id).Should().Equal(otherBuilding.Id, estateWide.Id);
    }

    [Fact]
    public async Task Staff_list_every_notice_of_an_estate_and_only_the_desk_publishes()
    {
        var now = await PublishAsync("Fire drill", "estate");
        var later = await PublishAsync("Water cut", "estate", publishAt: DateTimeOffset.UtcNow.AddDays(1));
        var technician = reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, _estateId));
        var manager = reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, _estateId));

        var all = (await technician.GetFromJsonAsync<Page<NoticeResponse>>($"/api/reception/notices?estateId={_estateId}", ApiJson.Options, Ct))!;
        var showing = (await technician.GetFromJsonAsync<Page<NoticeResponse>>($"/api/reception/notices?estateId={_estateId}&showing=true", ApiJson.Options, Ct))!;
        var noEstate = await technician.GetAsync("/api/reception/notices", Ct);
        var byTechnician = await technician.PostAsJsonAsync("/api/reception/notices", new { estateId = _estateId, audience = "estate", title = "Hi", body = "Hello" }, Ct);
        var byOwner = await reception.CreateClient(TestCaller.Owner(_estateId, _unitX))
            .PostAsJsonAsync("/api/reception/notices", new { estateId = _estateId, audience = "unit", unitId = _unitX, title = "Hi", body = "Hello" }, Ct);
        var otherEstatesView = (await reception.CreateClient(TestCaller.Clerk(Guid.NewGuid()))
            .GetFromJsonAsync<Page<NoticeResponse>>($"/api/reception/notices?estateId={_estateId}", ApiJson.Options, Ct))!;

        all.Items.Select(n => n.Id).Should().Equal(later.Id, now.Id);
        all.Items[0].Showing.Should().BeFalse();
        showing.Items.Select(n => n.Id).Should().Equal(now.Id);
        (await noEstate.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("estateId");
        byTechnician.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        byOwner.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        otherEstatesView.Items.Should().BeEmpty();
        (await PublishAsync("Manager's word", "estate", client: manager)).PublishAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        (await reception.CreateClient(TestCaller.Clerk(Guid.NewGuid()))
            .PostAsJsonAsync("/api/reception/notices", new { estateId = _estateId, audience = "estate", title = "Hi", body = "Hello" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_input_names_every_failing_field_and_stores_nothing()
    {
        var now = DateTimeOffset.UtcNow;
        var targets = await Clerk.PostAsJsonAsync("/api/reception/notices",
            new { estateId = _estateId, audience = "building", unitId = _unitX, title = "", body = "Hello" }, Ct);
        var times = await Clerk.PostAsJsonAsync("/api/reception/notices",
            new { estateId = _estateId, audience = "estate", title = "Hi", body = "Hello", publishAt = now.AddDays(-3), expiresAt = now.AddDays(-4) }, Ct);
        var audience = await Clerk.PostAsJsonAsync("/api/reception/notices", new { estateId = _estateId, audience = "everyone", title = "Hi", body = "Hello" }, Ct);
        var (_, otherUnits) = await reception.NewEstateAsync();
        var foreignUnit = await Clerk.PostAsJsonAsync("/api/reception/notices",
            new { estateId = _estateId, audience = "unit", unitId = otherUnits[0], title = "Hi", body = "Hello" }, Ct);
        var foreignBuilding = await Clerk.PostAsJsonAsync("/api/reception/notices",
            new { estateId = _estateId, audience = "building", buildingId = Guid.NewGuid(), title = "Hi", body = "Hello" }, Ct);

        (await targets.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo(["buildingId", "unitId", "title"]);
        (await times.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo(["publishAt", "expiresAt"]);
        (await audience.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("audience");
        (await foreignUnit.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("unitId");
        (await foreignBuilding.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("buildingId");
        var stored = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Notices.CountAsync(n => n.EstateId == _estateId, Ct));
        stored.Should().Be(0);
    }
}
