using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Callbacks;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Callbacks;

public sealed class CallbackApprovalTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2026-11-30", "2026-11-23")]
    [InlineData("2026-12-01", "2026-11-23")]
    [InlineData("2026-12-06", "2026-11-23")]
    [InlineData("2026-12-07", "2026-11-30")]
    public void The_week_reviewed_is_the_one_before_the_current_estate_local_week(string today, string weekStart) =>
        CallbackApproval.LastWeekOf(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(DateOnly.Parse(weekStart, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void The_review_is_due_by_the_end_of_the_estate_local_Monday_even_when_opened_later()
    {
        var calendar = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));

        var approval = CallbackApproval.Open(Guid.NewGuid(), new DateOnly(2026, 11, 23), calendar, DateTimeOffset.Parse("2026-12-01T10:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture));

        approval.Due.StartedAt.Should().Be(DateTimeOffset.Parse("2026-11-30T00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
        approval.Due.DueAt.Should().Be(DateTimeOffset.Parse("2026-12-01T00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task On_Monday_the_manager_gets_last_weeks_called_back_tickets_once_and_approves_them_once()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var now = DateTimeOffset.UtcNow;
        (Guid LastWeek, Guid ThisWeek) called = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var estate = await db.Estates.SingleAsync(e => e.Id == estateId, Ct);
            var calendar = estate.Calendar();
            var lastWeekMonday = CallbackApproval.LastWeekOf(calendar.LocalDay(now));
            Callback Called(DateTimeOffset at)
            {
                var request = RequestIntake.Open(db, estate,
                    new NewRequest(units[0], RequestChannel.Phone, RequestCategory.Inquiry, Urgency.Normal, "Opening hours?", "Li"), "clerk", at.AddHours(-2), Guid.NewGuid());
                var callback = Callback.Open(request, CallbackSelection.Sample, 3, calendar, at.AddHours(-1));
                callback.Complete(5, 5, 5, null, null, "clerk", at);
                db.Callbacks.Add(callback);
                return callback;
            }

            var inLastWeek = Called(calendar.ToInstant(lastWeekMonday.AddDays(2), new TimeOnly(10, 0)));
            var inThisWeek = Called(now.AddMinutes(-1));
            await db.SaveChangesAsync(Ct);
            return (inLastWeek.Id, inThisWeek.Id);
        });

        await reception.InScopeAsync(sp => CallbackApprovalScheduler.OpenDueAsync(sp.GetRequiredService<ReceptionDbContext>(), now, Ct));
        await reception.InScopeAsync(sp => CallbackApprovalScheduler.OpenDueAsync(sp.GetRequiredService<ReceptionDbContext>(), now, Ct));

        var manager = reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, estateId));
        var approval = (await manager.GetFromJsonAsync<Page<CallbackApprovalResponse>>($"/api/reception/callback-approvals?estateId={estateId}", ApiJson.Options, Ct))!
            .Items.Should().ContainSingle("the scheduler opens one review per estate and week, however often it runs").Which;
        approval.Status.Should().Be(CallbackApprovalStatus.Pending);
        var tickets = (await manager.GetFromJsonAsync<Page<CallbackResponse>>($"/api/reception/callback-approvals/{approval.Id}/callbacks", ApiJson.Options, Ct))!;
        tickets.Items.Select(c => c.Id).Should().Equal(called.LastWeek);
        tickets.Items.Should().NotContain(c => c.Id == called.ThisWeek);

        var bySupervisor = await reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, estateId))
            .PostAsJsonAsync($"/api/reception/callback-approvals/{approval.Id}/approve", new { }, Ct);
        var byOtherManager = await reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, Guid.NewGuid()))
            .PostAsJsonAsync($"/api/reception/callback-approvals/{approval.Id}/approve", new { }, Ct);
        var approved = await manager.PostAsJsonAsync($"/api/reception/callback-approvals/{approval.Id}/approve", new { note = "Reviewed; follow up on the lift" }, Ct);
        var again = await manager.PostAsJsonAsync($"/api/reception/callback-approvals/{approval.Id}/approve", new { }, Ct);

        bySupervisor.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        byOtherManager.StatusCode.Should().Be(HttpStatusCode.NotFound);
        approved.StatusCode.Should().Be(HttpStatusCode.OK);
        (await approved.Content.ReadFromJsonAsync<CallbackApprovalResponse>(ApiJson.Options, Ct))!.Status.Should().Be(CallbackApprovalStatus.Approved);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_review_not_approved_by_the_end_of_Monday_breaches_to_the_estate_manager()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var approvalId = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var estate = await db.Estates.SingleAsync(e => e.Id == estateId, Ct);
            var calendar = estate.Calendar();
            var twoWeeksAgo = CallbackApproval.LastWeekOf(calendar.LocalDay(DateTimeOffset.UtcNow)).AddDays(-7);
            var approval = CallbackApproval.Open(estateId, twoWeeksAgo, calendar, DateTimeOffset.UtcNow);
            db.CallbackApprovals.Add(approval);
            await db.SaveChangesAsync(Ct);
            return approval.Id;
        });

        await reception.CheckDeadlinesAsync();

        var events = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().SlaEvents.AsNoTracking()
            .Where(e => e.SubjectId == approvalId).ToListAsync(Ct));
        events.Should().Contain(e => e.Kind == SlaEventKind.Breached && e.NotifiedRole == PlatformRoles.EstateManager && e.Policy == CallbackApproval.Deadline.Name);
        events.Should().Contain(e => e.Kind == SlaEventKind.Escalated && e.NotifiedRole == PlatformRoles.GroupAdmin);
    }
}
