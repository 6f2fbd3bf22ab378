using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PropertyPlatform.Contracts;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Features.Registry;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Registry;

public sealed class EstateAnnouncementTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];

    private static readonly string[] MondayAndSaturday = ["monday", "saturday"];

    private readonly Guid _estateId = Guid.NewGuid();

    private HttpClient Admin => field ??= reception.CreateClient(TestCaller.GroupAdmin());

    private async Task CreateEstateAsync() =>
        (await Admin.PostAsJsonAsync("/api/reception/estates", new
        {
            id = _estateId,
            name = $"Estate {_estateId:N}",
            timeZoneId = "Asia/Shanghai",
            currency = "CNY",
            opensAt = "08:30",
            closesAt = "17:30",
            workingDays = Weekdays,
        }, Ct)).StatusCode.Should().Be(HttpStatusCode.Created);

    private async Task<List<TEvent>> AnnouncedAsync<TEvent>(Guid estateId) where TEvent : IIntegrationEvent =>
        (await reception.OutboxAsync<TEvent>()).Where(e => e.EstateId == estateId).ToList();

    /// <summary>Runs reception's start-up announcement, as a (re)start of the service would.</summary>
    private Task StartAsync() => reception.Services.GetServices<IHostedService>().OfType<EstateAnnouncement>().Single().StartingAsync(Ct);

    [Fact]
    public async Task A_registered_estate_is_announced_with_its_calendar_and_currency()
    {
        await CreateEstateAsync();

        var registered = (await AnnouncedAsync<EstateRegistered>(_estateId)).Should().ContainSingle().Subject;
        registered.TimeZoneId.Should().Be("Asia/Shanghai");
        registered.Currency.Should().Be("CNY");
        registered.WorkingDays.Should().HaveCount(5).And.AllSatisfy(d => (d.Opens, d.Closes).Should().Be((new TimeOnly(8, 30), new TimeOnly(17, 30))));
        registered.WorkingDays.Select(d => d.Day).Should().NotContain([DayOfWeek.Saturday, DayOfWeek.Sunday]);

        await StartAsync();
        (await AnnouncedAsync<EstateRegistered>(_estateId)).Should().ContainSingle("an estate announced at registration is not announced again at start");
    }

    [Fact]
    public async Task An_estate_from_before_announcements_is_announced_once_at_start_and_not_again_on_restart()
    {
        var (oldEstate, _) = await reception.NewEstateAsync();

        await StartAsync();
        await StartAsync();

        var registered = (await AnnouncedAsync<EstateRegistered>(oldEstate)).Should().ContainSingle().Subject;
        registered.TimeZoneId.Should().Be("Asia/Shanghai");
        registered.WorkingDays.Select(d => d.Day).Should().BeEquivalentTo([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);
    }

    [Fact]
    public async Task An_estate_manager_changes_the_estate_calendar_and_it_is_announced()
    {
        await CreateEstateAsync();
        var manager = reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, _estateId));

        var response = await manager.PutAsJsonAsync($"/api/reception/estates/{_estateId}/calendar", new
        {
            timeZoneId = "Asia/Hong_Kong", opensAt = "09:00", closesAt = "18:00", workingDays = MondayAndSaturday,
        }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var changed = (await AnnouncedAsync<EstateCalendarChanged>(_estateId)).Should().ContainSingle().Subject;
        changed.TimeZoneId.Should().Be("Asia/Hong_Kong");
        changed.Currency.Should().Be("CNY", "the currency is not part of the calendar and stays");
        changed.WorkingDays.Should().BeEquivalentTo([
            new EstateWorkingDay(DayOfWeek.Monday, new(9, 0), new(18, 0)), new EstateWorkingDay(DayOfWeek.Saturday, new(9, 0), new(18, 0))]);
        var audited = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Set<AuditEntry>()
            .Where(a => a.EntityId == _estateId.ToString() && a.Action == AuditAction.Updated).ToListAsync(Ct));
        audited.Should().Contain(a => a.Changes.Contains("Asia/Hong_Kong"), "a calendar change is audited");
    }

    [Fact]
    public async Task A_calendar_change_with_bad_input_names_the_fields_and_a_clerk_or_another_estates_manager_may_not_change_it()
    {
        await CreateEstateAsync();
        var manager = reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, _estateId));
        var otherManager = reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, Guid.NewGuid()));
        var clerk = reception.CreateClient(TestCaller.Clerk(_estateId));
        var valid = new { timeZoneId = "Asia/Shanghai", opensAt = "09:00", closesAt = "18:00", workingDays = new[] { "monday" } };

        var bad = await manager.PutAsJsonAsync($"/api/reception/estates/{_estateId}/calendar", new
        {
            timeZoneId = "Mars/Olympus", opensAt = "18:00", closesAt = "09:00", workingDays = Array.Empty<string>(),
        }, Ct);

        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo("timeZoneId", "closesAt", "workingDays");
        (await clerk.PutAsJsonAsync($"/api/reception/estates/{_estateId}/calendar", valid, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await otherManager.PutAsJsonAsync($"/api/reception/estates/{_estateId}/calendar", valid, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await AnnouncedAsync<EstateCalendarChanged>(_estateId)).Should().BeEmpty();
    }
}
