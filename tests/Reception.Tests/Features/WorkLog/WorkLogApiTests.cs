using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Features.Keys;
using PropertyPlatform.Reception.Features.Messages;
using PropertyPlatform.Reception.Features.Parcels;
using PropertyPlatform.Reception.Features.WorkLog;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.WorkLog;

public sealed class WorkLogApiTests(ReceptionService reception) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Test estates keep Shanghai time (UTC+8, no daylight saving).
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private Guid _estateId;
    private Guid _unitId;
    private readonly TestCaller _clerkA = TestCaller.Clerk(Guid.Empty);
    private readonly TestCaller _clerkB = TestCaller.Clerk(Guid.Empty);

    public async ValueTask InitializeAsync()
    {
        var (estateId, unitIds) = await reception.NewEstateAsync();
        (_estateId, _unitId) = (estateId, unitIds[0]);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private HttpClient As(TestCaller caller) => reception.CreateClient(caller with { Estates = [_estateId] });

    private HttpClient Supervisor => field ??= reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, _estateId));

    private static string Local(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Shanghai).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task WriteAsync(TestCaller clerk, string text, string? day = null)
    {
        var response = await As(clerk).PostAsJsonAsync("/api/reception/work-log", new { estateId = _estateId, text, day }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    private static async Task<T> PostAsync<T>(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body, Ct);
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, Ct))!;
    }

    private async Task<WorkSummaryResponse> SummaryAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<WorkSummaryResponse>($"/api/reception/work-log/summary?estateId={_estateId}&{query}", ApiJson.Options, Ct))!;

    [Fact]
    public async Task A_clerk_reads_only_their_own_log_and_supervisors_read_every_clerks()
    {
        await WriteAsync(_clerkA, "Morning: 3 parcels, lobby checked");
        await WriteAsync(_clerkA, "Afternoon: key for plant room issued", Local(DateTimeOffset.UtcNow.AddDays(-1)));
        await WriteAsync(_clerkB, "Evening shift quiet");

        var own = (await As(_clerkA).GetFromJsonAsync<Page<LogEntryResponse>>($"/api/reception/work-log?estateId={_estateId}", ApiJson.Options, Ct))!;
        var othersAsClerk = await As(_clerkA).GetAsync($"/api/reception/work-log?estateId={_estateId}&clerk={_clerkB.Subject}", Ct);
        var all = (await Supervisor.GetFromJsonAsync<Page<LogEntryResponse>>($"/api/reception/work-log?estateId={_estateId}", ApiJson.Options, Ct))!;
        var onlyB = (await Supervisor.GetFromJsonAsync<Page<LogEntryResponse>>($"/api/reception/work-log?estateId={_estateId}&clerk={_clerkB.Subject}", ApiJson.Options, Ct))!;
        var today = (await Supervisor.GetFromJsonAsync<Page<LogEntryResponse>>($"/api/reception/work-log?estateId={_estateId}&day={Local(DateTimeOffset.UtcNow)}", ApiJson.Options, Ct))!;
        var otherEstatesManager = (await reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, Guid.NewGuid()))
            .GetFromJsonAsync<Page<LogEntryResponse>>($"/api/reception/work-log?estateId={_estateId}", ApiJson.Options, Ct))!;

        own.Items.Should().HaveCount(2).And.OnlyContain(e => e.Clerk == _clerkA.Subject);
        othersAsClerk.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        all.Items.Should().HaveCount(3);
        onlyB.Items.Should().ContainSingle().Which.Text.Should().Be("Evening shift quiet");
        today.Items.Should().HaveCount(2);
        otherEstatesManager.Items.Should().BeEmpty();
        (await reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, _estateId)).GetAsync("/api/reception/work-log", Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reception.CreateClient(TestCaller.Owner(_estateId, _unitId)).PostAsJsonAsync("/api/reception/work-log", new { estateId = _estateId, text = "Hi" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_summary_counts_what_each_clerk_did_from_the_records_themselves()
    {
        var a = As(_clerkA);
        await PostAsync<object>(a, "/api/reception/requests",
            new { estateId = _estateId, unitId = _unitId, channel = "walkIn", category = "inquiry", description = "When is the pool open?", requesterName = "Wang" });
        var parcel = await PostAsync<ParcelResponse>(a, "/api/reception/parcels",
            new { estateId = _estateId, unitId = _unitId, carrier = "SF", trackingNumber = "SF1", shelf = "A-1" });
        await PostAsync<ParcelResponse>(a, "/api/reception/parcels", new { estateId = _estateId, unitId = _unitId, carrier = "JD", trackingNumber = "JD1", shelf = "A-2" });
        await PostAsync<ParcelResponse>(a, $"/api/reception/parcels/{parcel.Id}/collect", new { collectedBy = "Zhang Min" });
        var key = await PostAsync<KeyResponse>(a, "/api/reception/keys", new { estateId = _estateId, label = "Roof", area = "Roof door" });
        await PostAsync<KeyLoanResponse>(a, $"/api/reception/keys/{key.Id}/issue", new { issuedTo = "Chen", purpose = "Gutters", expectedReturnAt = DateTimeOffset.UtcNow.AddHours(1) });
        await PostAsync<KeyLoanResponse>(a, $"/api/reception/keys/{key.Id}/return", new { });
        var owner = reception.CreateClient(TestCaller.Owner(_estateId, _unitId));
        var message = await PostAsync<MessageResponse>(owner, "/api/reception/messages", new { estateId = _estateId, unitId = _unitId, subject = "Noise", body = "Drilling at night" });
        await PostAsync<ReplyResponse>(a, $"/api/reception/messages/{message.Id}/replies", new { body = "We will talk to them." });
        await PostAsync<object>(a, "/api/reception/notices", new { estateId = _estateId, audience = "estate", title = "Fire drill", body = "Friday 10:00" });
        await WriteAsync(_clerkA, "Busy day");
        await PostAsync<ParcelResponse>(As(_clerkB), "/api/reception/parcels", new { estateId = _estateId, unitId = _unitId, carrier = "EMS", trackingNumber = "E1", shelf = "B-1" });

        var dayOfA = await SummaryAsync(a, "period=day");
        var monthOfA = await SummaryAsync(Supervisor, $"period=month&clerk={_clerkA.Subject}");
        var estateToday = await SummaryAsync(Supervisor, "period=week");

        dayOfA.Should().Match<WorkSummaryResponse>(s => s.Clerk == _clerkA.Subject && s.RequestsRecorded == 1 && s.ParcelsReceived == 2
            && s.ParcelsCollected == 1 && s.KeysIssued == 1 && s.KeysReturned == 1 && s.MessagesAnswered == 1 && s.NoticesPublished == 1 && s.LogEntries == 1);
        monthOfA.Should().BeEquivalentTo(dayOfA, o => o.Excluding(s => s.Period).Excluding(s => s.FirstDay).Excluding(s => s.LastDay).Excluding(s => s.From).Excluding(s => s.To));
        monthOfA.FirstDay.Day.Should().Be(1);
        estateToday.Clerk.Should().BeNull();
        estateToday.ParcelsReceived.Should().Be(3);
        estateToday.FirstDay.DayOfWeek.Should().Be(DayOfWeek.Monday);
        (await a.GetAsync($"/api/reception/work-log/summary?estateId={_estateId}&clerk={_clerkB.Subject}", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_day_in_the_summary_is_the_estates_local_day_not_the_UTC_one()
    {
        // Two days ago, 23:50 and (the next day) 00:10 in Shanghai: one UTC date, two local ones.
        var localDay = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Shanghai).DateTime).AddDays(-2);
        var lateEvening = new DateTimeOffset(localDay.ToDateTime(new TimeOnly(23, 50)), Shanghai);
        var afterMidnight = lateEvening.AddMinutes(20);
        foreach (var (at, tracking) in new[] { (lateEvening, "LATE"), (afterMidnight, "EARLY") })
        {
            await PostAsync<ParcelResponse>(As(_clerkA), "/api/reception/parcels",
                new { estateId = _estateId, unitId = _unitId, carrier = "SF", trackingNumber = tracking, shelf = "A-1", receivedAt = at });
        }

        var first = await SummaryAsync(Supervisor, $"date={localDay:yyyy-MM-dd}");
        var second = await SummaryAsync(Supervisor, $"date={localDay.AddDays(1):yyyy-MM-dd}");

        first.ParcelsReceived.Should().Be(1);
        second.ParcelsReceived.Should().Be(1);
        first.From.Should().Be(new DateTimeOffset(localDay.ToDateTime(TimeOnly.MinValue), Shanghai));
    }

    [Fact]
    public async Task A_monthly_summary_with_next_months_plan_goes_to_the_superior_who_returns_or_accepts_it()
    {
        var today = Local(DateTimeOffset.UtcNow);
        var withoutPlan = await As(_clerkA).PostAsJsonAsync("/api/reception/work-log/reports", new { estateId = _estateId, period = "month", summary = "November" }, Ct);
        var submitted = await As(_clerkA).PostAsJsonAsync(
            "/api/reception/work-log/reports", new { estateId = _estateId, period = "month", date = today, summary = "212 requests", nextMonthPlan = "Year-end visits" }, Ct);
        var report = (await submitted.Content.ReadFromJsonAsync<WorkReportResponse>(ApiJson.Options, Ct))!;
        var clerkReviews = await As(_clerkB).PostAsJsonAsync($"/api/reception/work-log/reports/{report.Id}/review", new { decision = "accept" }, Ct);
        var returnedWithoutComment = await Supervisor.PostAsJsonAsync($"/api/reception/work-log/reports/{report.Id}/review", new { decision = "return" }, Ct);
        var returned = await PostAsync<WorkReportResponse>(Supervisor, $"/api/reception/work-log/reports/{report.Id}/review", new { decision = "return", comment = "Add the complaints" });
        var rewritten = await As(_clerkA).PostAsJsonAsync(
            "/api/reception/work-log/reports", new { estateId = _estateId, period = "month", date = today, summary = "212 requests, 9 complaints", nextMonthPlan = "Year-end visits" }, Ct);
        var accepted = await PostAsync<WorkReportResponse>(Supervisor, $"/api/reception/work-log/reports/{report.Id}/review", new { decision = "accept" });
        var othersSeen = await As(_clerkB).GetFromJsonAsync<Page<WorkReportResponse>>($"/api/reception/work-log/reports?estateId={_estateId}", ApiJson.Options, Ct);

        withoutPlan.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await withoutPlan.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Should().ContainKey("nextMonthPlan");
        submitted.StatusCode.Should().Be(HttpStatusCode.Created);
        report.Status.Should().Be(PropertyPlatform.Reception.Domain.WorkReportStatus.Submitted);
        clerkReviews.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the superior reviews");
        returnedWithoutComment.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        returned.Status.Should().Be(PropertyPlatform.Reception.Domain.WorkReportStatus.Returned);
        rewritten.StatusCode.Should().Be(HttpStatusCode.OK, "the returned summary is written again, not a second one");
        accepted.Status.Should().Be(PropertyPlatform.Reception.Domain.WorkReportStatus.Reviewed);
        accepted.Summary.Should().Be("212 requests, 9 complaints");
        accepted.NextMonthPlan.Should().Be("Year-end visits");
        othersSeen!.Items.Should().NotContain(r => r.Id == report.Id, "a clerk reads their own summaries only");
    }

    [Fact]
    public async Task The_day_clerk_acknowledges_the_night_log_at_the_morning_handover_once()
    {
        var now = DateTimeOffset.UtcNow;
        var yesterday = Local(now.AddDays(-1));
        var night = await PostAsync<LogEntryResponse>(As(_clerkB), "/api/reception/work-log", new { estateId = _estateId, text = "02:10 water alarm B2, checked", day = yesterday, shift = "night" });
        await WriteAsync(_clerkB, "Day-shift note, not for the handover", yesterday);

        var toRead = await As(_clerkA).GetFromJsonAsync<HandoverStateResponse>($"/api/reception/work-log/handover?estateId={_estateId}", ApiJson.Options, Ct);
        var acknowledged = await As(_clerkA).PostAsJsonAsync("/api/reception/work-log/handover", new { estateId = _estateId, notes = "B2 alarm to maintenance" }, Ct);
        var again = await As(_clerkB).PostAsJsonAsync("/api/reception/work-log/handover", new { estateId = _estateId }, Ct);
        var state = await Supervisor.GetFromJsonAsync<HandoverStateResponse>($"/api/reception/work-log/handover?estateId={_estateId}", ApiJson.Options, Ct);

        toRead!.NightLog.Select(e => e.Id).Should().Equal([night.Id], "only the night shift's entries are handed over");
        toRead.Handover.Should().BeNull();
        acknowledged.StatusCode.Should().Be(HttpStatusCode.Created);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        state!.Handover!.NightEntryIds.Should().Equal([night.Id]);
        state.Handover.AcknowledgedBy.Should().Be(_clerkA.Subject);
        state.Handover.Late.Should().Be(state.Handover.AcknowledgedAt.ToOffset(Shanghai).TimeOfDay > new TimeSpan(8, 40, 0), "the handover runs 08:30-08:40");
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_stores_nothing()
    {
        var a = As(_clerkA);
        var badEntry = await a.PostAsJsonAsync("/api/reception/work-log", new { estateId = _estateId, text = " ", day = "yesterday" }, Ct);
        var oldDay = await a.PostAsJsonAsync("/api/reception/work-log", new { estateId = _estateId, text = "Late entry", day = Local(DateTimeOffset.UtcNow.AddDays(-5)) }, Ct);
        var badSummary = await a.GetAsync($"/api/reception/work-log/summary?estateId={_estateId}&period=year&date=31/12/2026", Ct);
        var noEstate = await a.GetAsync("/api/reception/work-log/summary", Ct);
        var otherEstate = await a.PostAsJsonAsync("/api/reception/work-log", new { estateId = Guid.NewGuid(), text = "Elsewhere" }, Ct);

        (await badEntry.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo(["text", "day"]);
        (await oldDay.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("day");
        (await badSummary.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo(["period", "date"]);
        (await noEstate.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("estateId");
        otherEstate.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var stored = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().WorkLog.CountAsync(e => e.EstateId == _estateId, Ct));
        stored.Should().Be(0);
    }
}
