using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using PropertyPlatform.ServiceDefaults.Kpis;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.HrTraining.Tests.Features;

public sealed class KpisTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Tomorrow => HrTrainingService.LocalToday.AddDays(1);

    [Fact]
    public async Task Certified_before_duty_is_the_share_of_published_shifts_whose_person_was_certified_that_day()
    {
        var estate = await hr.NewEstateAsync();
        var kept = await hr.HireAsync([estate], name: "Kept");
        var lost = await hr.HireAsync([estate], name: "Lost");
        await hr.CertifyAsync(kept.StaffId, estate);
        var revoked = await hr.CertifyAsync(lost.StaffId, estate);
        var planner = hr.Manager(estate);
        foreach (var staffId in new[] { kept.StaffId, lost.StaffId })
        {
            (await planner.PostAsJsonAsync("/api/hr-training/rosters/shifts", new
            {
                estateId = estate, day = Staffing.Day(Tomorrow), staffId, shift = "day", startsAt = "08:00", endsAt = "17:30", trade = "plumbing",
            }, Ct)).EnsureSuccessStatusCode();
        }

        (await planner.PostAsJsonAsync("/api/hr-training/rosters/publish", new { estateId = estate, day = Staffing.Day(Tomorrow) }, Ct)).EnsureSuccessStatusCode();
        // Revoked after publishing, before the shift: that shift is worked uncertified unless the roster is changed.
        (await hr.Hr(estate).PostAsJsonAsync($"/api/hr-training/certifications/{revoked.Id}/revoke", new { reason = "Sanction" }, Ct)).EnsureSuccessStatusCode();

        var month = Tomorrow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var report = (await planner.GetFromJsonAsync<KpiReport>($"/api/hr-training/kpis?estateId={estate}&month={month}", ApiJson.Options, Ct))!;

        var kpi = report.Kpis.Should().ContainSingle(k => k.Key == "certified-before-duty").Which;
        kpi.Numerator.Should().Be(1);
        kpi.Denominator.Should().Be(2);
        kpi.Actual.Should().Be(0.5m);
        kpi.Target.Should().Be(1.00m);
    }

    [Fact]
    public async Task The_kpis_of_another_estate_are_not_found_and_a_bad_month_is_named()
    {
        var estate = await hr.NewEstateAsync();

        (await hr.Manager(Guid.NewGuid()).GetAsync($"/api/hr-training/kpis?estateId={estate}&month=2026-11", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await hr.Manager(estate).GetAsync($"/api/hr-training/kpis?estateId={estate}&month=November", Ct)).ErrorFieldsAsync())
            .Should().BeEquivalentTo(["month"]);
    }
}
