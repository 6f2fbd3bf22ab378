using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Kpis;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Kpis;

public sealed class ReceptionKpisTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));

    /// <summary>An instant given as Shanghai wall-clock time (UTC+8).</summary>
    private static DateTimeOffset Local(int month, int day, int hour, int minute) => new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    [Fact]
    public async Task A_month_of_known_requests_and_callbacks_gives_each_kpi_its_numerator_denominator_and_actual_and_other_estates_do_not_count()
    {
        var (estateId, units) = await reception.NewEstateAsync(2);
        var (otherEstateId, otherUnits) = await reception.NewEstateAsync(1);
        await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            // October (estate-local): one request routed in 3 minutes with feedback the same day, one routed after
            // 10 minutes with feedback the next day, one neither routed nor answered.
            AddRequest(db, estateId, units[0], Local(10, 10, 10, 0), TimeSpan.FromMinutes(3), TimeSpan.FromHours(2));
            AddRequest(db, estateId, units[0], Local(10, 11, 10, 0), TimeSpan.FromMinutes(10), TimeSpan.FromDays(1));
            AddRequest(db, estateId, units[0], Local(10, 12, 10, 0), null, null);
            // 23:30 local on 30 September belongs to September: not counted.
            AddRequest(db, estateId, units[0], Local(9, 30, 23, 30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2));
            // Repair callbacks opened in October: two called back in time (satisfied, dissatisfied), one not called.
            AddRepairCallback(db, estateId, units[1], Local(10, 14, 9, 0), 5);
            AddRepairCallback(db, estateId, units[1], Local(10, 15, 9, 0), 1);
            AddRepairCallback(db, estateId, units[1], Local(10, 16, 9, 0), null);
            // A paid service's callback opened in October and not made: the 100 % standard is missed.
            AddRepairCallback(db, estateId, units[1], Local(10, 17, 9, 0), null, CallbackSelection.PaidService);
            // Home visits this year: the first household twice by October's end (a third in November is later), the second once.
            AddVisit(db, estateId, units[0], Local(3, 2, 10, 0));
            AddVisit(db, estateId, units[0], Local(10, 20, 10, 0));
            AddVisit(db, estateId, units[1], Local(11, 3, 10, 0));
            AddVisit(db, estateId, units[1], Local(6, 3, 10, 0));
            // Another estate's October, all on time and satisfied: none of it may count.
            AddRequest(db, otherEstateId, otherUnits[0], Local(10, 10, 10, 0), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
            AddRepairCallback(db, otherEstateId, otherUnits[0], Local(10, 14, 9, 0), 5);
            await db.SaveChangesAsync(Ct);
            return 0;
        });

        var report = await reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, estateId))
            .GetFromJsonAsync<KpiReport>($"/api/reception/kpis?estateId={estateId}&month=2026-10", ApiJson.Options, Ct);

        report!.EstateId.Should().Be(estateId);
        report.Month.Should().Be("2026-10");
        var kpis = report.Kpis.ToDictionary(k => k.Key);
        kpis.Keys.Should().BeEquivalentTo(
        [
            "routing-within-5-minutes", "same-day-feedback", "repair-callback-rate", "paid-service-callback-rate", "callback-sample-rate", "owner-satisfaction",
            "home-visits-twice-a-year",
        ]);
        kpis["routing-within-5-minutes"].Should().Match<Kpi>(k => k.Numerator == 1 && k.Denominator == 3 && k.Actual == 0.3333m && k.Target == 1m
            && k.RecordsLink == $"/api/reception/requests?estateId={estateId}");
        kpis["same-day-feedback"].Should().Match<Kpi>(k => k.Numerator == 1 && k.Denominator == 3 && k.Actual == 0.3333m);
        kpis["repair-callback-rate"].Should().Match<Kpi>(k => k.Numerator == 2 && k.Denominator == 3 && k.Actual == 0.6667m && k.Target == 0.98m
            && k.RecordsLink == $"/api/reception/callbacks?estateId={estateId}");
        kpis["paid-service-callback-rate"].Should().Match<Kpi>(k => k.Numerator == 0 && k.Denominator == 1 && k.Actual == 0m && k.Target == 1m
            && k.RecordsLink == $"/api/reception/callbacks?estateId={estateId}");
        kpis["callback-sample-rate"].Should().Match<Kpi>(k => k.Denominator == 0 && k.Actual == null && k.Target == 0.10m,
            "no other request was completed in October, so there was nothing to sample");
        kpis["home-visits-twice-a-year"].Should().Match<Kpi>(k => k.Numerator == 1 && k.Denominator == 2 && k.Target == 1m
            && k.RecordsLink == $"/api/reception/butler-visits/coverage?estateId={estateId}&year=2026");
        kpis["owner-satisfaction"].Should().Match<Kpi>(k => k.Numerator == 1 && k.Denominator == 2 && k.Actual == 0.5m && k.Target == 0.90m);
    }

    [Fact]
    public async Task A_month_without_records_has_no_actual()
    {
        var (estateId, _) = await reception.NewEstateAsync();

        var report = await reception.CreateClient(TestCaller.GroupAdmin())
            .GetFromJsonAsync<KpiReport>($"/api/reception/kpis?estateId={estateId}&month=2026-08", ApiJson.Options, Ct);

        report!.Kpis.Where(k => k.Key != "home-visits-twice-a-year")
            .Should().AllSatisfy(k => k.Should().Match<Kpi>(x => x.Denominator == 0 && x.Numerator == 0 && x.Actual == null));
        report.Kpis.Should().ContainSingle(k => k.Key == "home-visits-twice-a-year").Which
            .Should().Match<Kpi>(x => x.Denominator > 0 && x.Numerator == 0 && x.Actual == 0m, "an occupied household is owed its visits with or without records");
    }

    [Fact]
    public async Task A_bad_month_or_a_missing_estate_is_a_400_naming_the_field()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var manager = reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, estateId));

        var badMonth = await manager.GetAsync($"/api/reception/kpis?estateId={estateId}&month=2026-13", Ct);
        badMonth.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badMonth.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("month");

        var noEstate = await manager.GetAsync("/api/reception/kpis?month=2026-10", Ct);
        noEstate.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noEstate.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("estateId");
    }

    [Fact]
    public async Task Kpis_are_for_supervisors_of_the_estate_and_a_clerk_is_refused()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var (otherEstateId, _) = await reception.NewEstateAsync();
        var url = $"/api/reception/kpis?estateId={estateId}&month=2026-10";

        (await reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, estateId)).GetAsync(url, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reception.CreateClient(TestCaller.Clerk(estateId)).GetAsync(url, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, otherEstateId)).GetAsync(url, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static CustomerRequest Request(Guid estateId, Guid unitId, RequestCategory category, DateTimeOffset at) =>
        CustomerRequest.Record(estateId, unitId, RequestChannel.Phone, category, Urgency.Normal, "Something", "Li", "13800001234", "clerk-1", Shanghai, at, Guid.NewGuid());

    private static void AddRequest(ReceptionDbContext db, Guid estateId, Guid unitId, DateTimeOffset receivedAt, TimeSpan? routedAfter, TimeSpan? feedbackAfter)
    {
        var request = Request(estateId, unitId, RequestCategory.Inquiry, receivedAt);
        if (routedAfter is { } routed)
        {
            request.RouteTo(Department.Management, null, receivedAt + routed);
        }

        if (feedbackAfter is { } feedback)
        {
            request.GiveFeedback("Told", receivedAt + feedback);
        }

        db.Add(request);
    }

    /// <summary>A routine home visit made at <paramref name="visitedAt"/>.</summary>
    private static void AddVisit(ReceptionDbContext db, Guid estateId, Guid unitId, DateTimeOffset visitedAt)
    {
        var visit = ButlerVisit.Schedule(estateId, unitId, "butler-1", visitedAt, "clerk-1", visitedAt.AddDays(-7));
        visit.Complete(ButlerVisitOutcome.Visited, null, visitedAt, "butler-1");
        db.Add(visit);
    }

    /// <summary>A repair's callback opened at <paramref name="openedAt"/>, called two hours later with <paramref name="score"/> (or not called).</summary>
    private static void AddRepairCallback(
        ReceptionDbContext db, Guid estateId, Guid unitId, DateTimeOffset openedAt, int? score, CallbackSelection selection = CallbackSelection.Repair)
    {
        // The repair itself was received the month before, so it does not count among this month's requests.
        var request = Request(estateId, unitId, RequestCategory.Repair, Local(9, 1, 10, 0));
        var callback = Callback.Open(request, selection, null, Shanghai, openedAt);
        if (score is { } s)
        {
            callback.Complete(s, s, s, null, null, "clerk-1", openedAt.AddHours(2));
        }

        db.AddRange(request, callback);
    }
}
