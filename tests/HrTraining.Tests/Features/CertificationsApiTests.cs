using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Features.Certifications;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.HrTraining.Tests.Features;

public sealed class CertificationsApiTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => HrTrainingService.LocalToday;

    [Fact]
    public async Task Granting_renewing_and_revoking_a_certification_publish_their_events_on_the_broker()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate], name: "Zhao Lei", position: "gate guard");

        var certification = await hr.CertifyAsync(staff.StaffId, estate, trade: null, post: "gate", validUntil: Today.AddDays(20));
        var granted = await hr.PublishedAsync<CertificationGranted>(e => e.CertificationId == certification.Id);
        granted.Post.Should().Be("gate");
        granted.Trade.Should().BeNull();
        granted.StaffId.Should().Be(staff.StaffId);
        granted.ValidUntil.Should().Be(Today.AddDays(20));

        var renew = await hr.Hr(estate).PostAsJsonAsync($"/api/hr-training/certifications/{certification.Id}/renew", new { validUntil = Staffing.Day(Today.AddYears(1)) }, Ct);
        renew.StatusCode.Should().Be(HttpStatusCode.OK, await renew.Content.ReadAsStringAsync(Ct));
        var renewed = await hr.PublishedAsync<CertificationRenewed>(e => e.CertificationId == certification.Id);
        renewed.PreviousValidUntil.Should().Be(Today.AddDays(20));
        renewed.ValidUntil.Should().Be(Today.AddYears(1));

        var revoke = await hr.Hr(estate).PostAsJsonAsync($"/api/hr-training/certifications/{certification.Id}/revoke", new { reason = "Failed the re-check" }, Ct);
        revoke.StatusCode.Should().Be(HttpStatusCode.OK, await revoke.Content.ReadAsStringAsync(Ct));
        var revoked = await hr.PublishedAsync<CertificationRevoked>(e => e.CertificationId == certification.Id);
        revoked.Reason.Should().Be("Failed the re-check");
        revoked.Post.Should().Be("gate");

        (await (await hr.Hr(estate).PostAsJsonAsync($"/api/hr-training/certifications/{certification.Id}/renew",
            new { validUntil = Staffing.Day(Today.AddYears(2)) }, Ct)).DetailAsync(HttpStatusCode.Conflict)).Should().Contain("revoked");
    }

    [Fact]
    public async Task A_certification_with_bad_input_is_refused_naming_every_field_and_stores_nothing()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate]);

        var response = await hr.Hr(estate).PostAsJsonAsync("/api/hr-training/certifications", new
        {
            staffId = staff.StaffId,
            trade = "plumbing",
            post = "gate",
            validFrom = "2026-13-01",
            validUntil = "tomorrow",
        }, Ct);

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo(["estateId", "post", "validFrom", "validUntil"]);
        var backwards = await hr.Hr(estate).PostAsJsonAsync("/api/hr-training/certifications", new
        {
            staffId = staff.StaffId, estateId = estate, trade = "plumbing", validFrom = Staffing.Day(Today), validUntil = Staffing.Day(Today.AddDays(-1)),
        }, Ct);
        (await backwards.ErrorFieldsAsync()).Should().BeEquivalentTo(["validUntil"]);
        (await hr.InScopeAsync(sp => sp.GetRequiredService<HrTrainingDbContext>().Certifications.AnyAsync(c => c.StaffId == staff.StaffId, Ct)))
            .Should().BeFalse();
    }

    [Fact]
    public async Task Only_HR_grants_certifications()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate]);

        var response = await hr.Manager(estate).PostAsJsonAsync("/api/hr-training/certifications", new
        {
            staffId = staff.StaffId, estateId = estate, trade = "plumbing", validFrom = Staffing.Day(Today), validUntil = Staffing.Day(Today.AddYears(1)),
        }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_certification_of_another_estate_is_not_found_and_cannot_be_granted_there()
    {
        var estate = await hr.NewEstateAsync();
        var other = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate]);
        var certification = await hr.CertifyAsync(staff.StaffId, estate);

        (await hr.Hr(other).GetAsync($"/api/hr-training/certifications/{certification.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await hr.Hr(other).PostAsJsonAsync($"/api/hr-training/certifications/{certification.Id}/revoke", new { reason = "x" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await hr.Hr(other).PostAsJsonAsync("/api/hr-training/certifications", new
        {
            staffId = staff.StaffId, estateId = estate, trade = "hvac", validFrom = Staffing.Day(Today), validUntil = Staffing.Day(Today.AddYears(1)),
        }, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_second_grant_for_the_same_duty_is_a_conflict_renew_instead()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate]);
        await hr.CertifyAsync(staff.StaffId, estate);

        var again = await hr.Hr(estate).PostAsJsonAsync("/api/hr-training/certifications", new
        {
            staffId = staff.StaffId, estateId = estate, trade = "plumbing", validFrom = Staffing.Day(Today), validUntil = Staffing.Day(Today.AddYears(2)),
        }, Ct);

        (await again.DetailAsync(HttpStatusCode.Conflict)).Should().Contain("renew");
    }

    [Fact]
    public async Task Expiry_is_announced_once_at_the_estate_local_midnight_even_when_two_checks_run_at_once()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate]);
        var lastDay = Today.AddDays(3);
        var certification = await hr.CertifyAsync(staff.StaffId, estate, validUntil: lastDay);
        var localMidnight = new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), HrTrainingService.TimeZone.GetUtcOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue)));

        await CheckExpiryAsync(localMidnight.AddSeconds(-1));
        (await hr.OutboxAsync<CertificationExpired>()).Should().NotContain(e => e.CertificationId == certification.Id, "the last day is not over yet");

        await Task.WhenAll(CheckExpiryAsync(localMidnight), CheckExpiryAsync(localMidnight), CheckExpiryAsync(localMidnight.AddHours(1)));
        await CheckExpiryAsync(localMidnight.AddDays(1));

        var expired = await hr.PublishedAsync<CertificationExpired>(e => e.CertificationId == certification.Id);
        expired.ValidUntil.Should().Be(lastDay);
        expired.Trade.Should().Be("plumbing");
        expired.StaffId.Should().Be(staff.StaffId);
        (await hr.OutboxAsync<CertificationExpired>()).Should().ContainSingle(e => e.CertificationId == certification.Id);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        hr.Published<CertificationExpired>().Where(e => e.CertificationId == certification.Id).Select(e => e.EventId).Distinct().Should().ContainSingle();
    }

    [Fact]
    public async Task The_warning_list_shows_the_estates_certifications_ending_within_30_days_soonest_first()
    {
        var estate = await hr.NewEstateAsync();
        var soon = await hr.HireAsync([estate], name: "Soon");
        var later = await hr.HireAsync([estate], name: "Later");
        var safe = await hr.HireAsync([estate], name: "Safe");
        var inTen = await hr.CertifyAsync(soon.StaffId, estate, validUntil: Today.AddDays(10));
        var inThirty = await hr.CertifyAsync(later.StaffId, estate, validUntil: Today.AddDays(30));
        await hr.CertifyAsync(safe.StaffId, estate, validUntil: Today.AddDays(31));

        var warnings = (await hr.Manager(estate).GetFromJsonAsync<ExpiringCertificationResponse[]>(
            $"/api/hr-training/certifications/expiring?estateId={estate}", ApiJson.Options, Ct))!;

        warnings.Select(w => w.Certification.Id).Should().Equal(inTen.Id, inThirty.Id);
        warnings[0].StaffName.Should().Be("Soon");
        warnings[0].DaysLeft.Should().Be(10);
        (await hr.Manager(Guid.NewGuid()).GetAsync($"/api/hr-training/certifications/expiring?estateId={estate}", Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_renewal_may_run_up_to_five_years_from_today_however_old_the_first_grant()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate]);
        var certification = await hr.CertifyAsync(staff.StaffId, estate, validFrom: Today.AddYears(-4), validUntil: Today.AddDays(5));

        var tooLong = await hr.Hr(estate).PostAsJsonAsync($"/api/hr-training/certifications/{certification.Id}/renew",
            new { validUntil = Staffing.Day(Today.AddYears(5).AddDays(2)) }, Ct);
        var renewed = await hr.Hr(estate).PostAsJsonAsync($"/api/hr-training/certifications/{certification.Id}/renew",
            new { validUntil = Staffing.Day(Today.AddYears(3)) }, Ct);

        (await tooLong.ErrorFieldsAsync()).Should().BeEquivalentTo(["validUntil"]);
        renewed.StatusCode.Should().Be(HttpStatusCode.OK, await renewed.Content.ReadAsStringAsync(Ct));
        (await hr.OutboxAsync<CertificationRenewed>()).Should().ContainSingle(e => e.CertificationId == certification.Id);
    }

    [Fact]
    public void The_expiry_check_runs_as_a_hosted_job_of_the_service()
    {
        hr.Services.GetServices<IHostedService>().OfType<CertificationExpiry>().Should().ContainSingle();
    }

    private Task<int> CheckExpiryAsync(DateTimeOffset now) => hr.InScopeAsync(sp => CertificationExpiry.AnnounceExpiredAsync(
        sp.GetRequiredService<HrTrainingDbContext>(), sp.GetRequiredService<IEstateCalendars>(), now, NullLogger.Instance, Ct));
}
