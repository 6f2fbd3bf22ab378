using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Features.Certifications;
using PropertyPlatform.HrTraining.Features.Training;
using PropertyPlatform.HrTraining.Tests.Features.Attendance;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.HrTraining.Tests.Features;

public sealed class CertificationExpiryWarningTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => HrTrainingService.LocalToday;

    private Task<int> WarnAsync(Guid estate, DateTimeOffset now) => hr.InScopeAsync(async sp =>
    {
        var calendar = (await sp.GetRequiredService<IEstateCalendars>().GetAsync(estate, Ct))!;
        return await CertificationExpiry.WarnExpiringAsync(sp.GetRequiredService<HrTrainingDbContext>(), estate, calendar, now, Ct);
    });

    private async Task<List<NeedResponse>> NeedsAsync(Guid estate, Guid staffId) =>
        [.. (await hr.Hr(estate).GetFromJsonAsync<Page<NeedResponse>>($"/api/hr-training/training/needs?estateId={estate}&staffId={staffId}", ApiJson.Options, Ct))!.Items];

    private async Task<List<NotificationRequested>> NoticesAsync(Guid estate) =>
        [.. (await hr.OutboxAsync<NotificationRequested>()).Where(n => n.EstateId == estate && n.TemplateKey == CertificationExpiry.WarningTemplate)];

    [Fact]
    public async Task A_certification_entering_its_last_30_days_in_estate_time_raises_a_renewal_need_and_tells_the_person_and_hr_once()
    {
        var estate = await hr.NewEstateAsync();
        var trainer = await hr.HireAsync([estate], [], name: "Trainer Tang", position: "Trainer");
        var plumber = await hr.HireAsync([estate], name: "Plumber Pan");
        var lastDay = Today.AddDays(60);
        var certification = await hr.CertifyAsync(plumber.StaffId, estate, validUntil: lastDay);

        var dayBefore = await WarnAsync(estate, Attending.Local(lastDay.AddDays(-31), 23, 50));
        var needsBefore = await NeedsAsync(estate, plumber.StaffId);
        var entered = await WarnAsync(estate, Attending.Local(lastDay.AddDays(-30), 0, 10));
        var again = await Task.WhenAll(WarnAsync(estate, Attending.Local(lastDay.AddDays(-30), 1, 0)), WarnAsync(estate, Attending.Local(lastDay.AddDays(-20), 9, 0)));

        (dayBefore, entered, again.Sum()).Should().Be((0, 1, 0));
        needsBefore.Should().BeEmpty("the certification has 31 days to go in the estate");
        var need = (await NeedsAsync(estate, plumber.StaffId)).Should().ContainSingle().Which;
        (need.Reason, need.Trade, need.Status).Should().Be(("CertificationExpiring", "plumbing", "Open"));
        var notices = await NoticesAsync(estate);
        notices.Select(n => (n.RecipientKind, n.RecipientId)).Should().BeEquivalentTo([("staff", plumber.StaffId), ("staff", trainer.StaffId)]);
        notices.Single(n => n.RecipientId == plumber.StaffId).Data.Should().Contain(new Dictionary<string, string>
        {
            ["staffName"] = "Plumber Pan", ["duty"] = "plumbing", ["validUntil"] = Staffing.Day(lastDay), ["daysLeft"] = "30", ["certificationId"] = certification.Id.ToString(),
        });
    }

    [Fact]
    public async Task A_renewal_re_arms_the_warning_for_the_new_last_day()
    {
        var estate = await hr.NewEstateAsync();
        var plumber = await hr.HireAsync([estate], name: "Renewed Ren");
        var lastDay = Today.AddDays(60);
        var certification = await hr.CertifyAsync(plumber.StaffId, estate, validUntil: lastDay);
        (await WarnAsync(estate, Attending.Local(lastDay.AddDays(-30), 9, 0))).Should().Be(1);

        var newLastDay = lastDay.AddDays(10);
        (await hr.Hr(estate).PostAsJsonAsync($"/api/hr-training/certifications/{certification.Id}/renew", new { validUntil = Staffing.Day(newLastDay) }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var renewedWarnings = await WarnAsync(estate, Attending.Local(newLastDay.AddDays(-30), 9, 0));
        var duplicate = await WarnAsync(estate, Attending.Local(newLastDay.AddDays(-29), 9, 0));

        (renewedWarnings, duplicate).Should().Be((1, 0));
        (await NeedsAsync(estate, plumber.StaffId)).Should().HaveCount(2).And.OnlyContain(n => n.Reason == "CertificationExpiring");
        (await NoticesAsync(estate)).Select(n => n.Data["validUntil"]).Should().BeEquivalentTo([Staffing.Day(lastDay), Staffing.Day(newLastDay)]);
    }
}
