using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Features.Staff;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Staffing;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.HrTraining.Tests.Features;

/// <summary>The republish operation: a service whose staff read model is empty catches up; one that knew it all changes nothing.</summary>
public sealed class StaffRepublishTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Republishing_restates_every_file_certification_and_published_roster_at_the_time_of_its_change()
    {
        var estate = await hr.NewEstateAsync();
        var active = await hr.HireAsync([estate], name: "Zhou Lei");
        var leaver = await hr.HireAsync([estate], name: "Qian Yu");
        var valid = await hr.CertifyAsync(active.StaffId, estate);
        var revoked = await hr.CertifyAsync(active.StaffId, estate, trade: "electrical");
        (await hr.Hr(estate).PostAsJsonAsync($"/api/hr-training/certifications/{revoked.Id}/revoke", new { reason = "Failed the re-check" }, Ct)).EnsureSuccessStatusCode();
        (await hr.Manager(estate).PostAsJsonAsync($"/api/hr-training/staff/{leaver.StaffId}/end",
            new { lastDay = Staffing.Day(HrTrainingService.LocalToday), reason = "Resigned" }, Ct)).EnsureSuccessStatusCode();
        var planner = hr.CreateClient(TestCaller.Staff(PlatformRoles.MaintenanceSupervisor, estate));
        var tomorrow = Staffing.Day(HrTrainingService.LocalToday.AddDays(1));
        (await planner.PostAsJsonAsync("/api/hr-training/rosters/shifts", new
        {
            estateId = estate, day = tomorrow, staffId = active.StaffId, shift = "day", startsAt = "08:00", endsAt = "17:30", trade = "plumbing",
        }, Ct)).EnsureSuccessStatusCode();
        (await planner.PostAsJsonAsync("/api/hr-training/rosters/publish", new { estateId = estate, day = tomorrow }, Ct)).EnsureSuccessStatusCode();
        var hired = await hr.PublishedAsync<StaffHired>(e => e.StaffId == active.StaffId);
        var ended = await hr.PublishedAsync<EmploymentEnded>(e => e.StaffId == leaver.StaffId);
        var granted = await hr.PublishedAsync<CertificationGranted>(e => e.CertificationId == valid.Id);
        var revocation = await hr.PublishedAsync<CertificationRevoked>(e => e.CertificationId == revoked.Id);
        var roster = await hr.PublishedAsync<DutyRosterPublished>(e => e.EstateId == estate);

        var response = await hr.CreateClient(TestCaller.GroupAdmin()).PostAsync("/api/hr-training/staff/republish", null, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var counts = (await response.Content.ReadFromJsonAsync<StaffRepublishResponse>(ApiJson.Options, Ct))!;
        (counts.Staff, counts.EmploymentsEnded, counts.Certifications, counts.Rosters).Should().Match<(int, int, int, int)>(c =>
            c.Item1 >= 2 && c.Item2 >= 1 && c.Item3 >= 2 && c.Item4 >= 1);

        var hiredAgain = await hr.PublishedAsync<StaffHired>(e => e.StaffId == active.StaffId && e.EventId != hired.EventId);
        hiredAgain.Should().BeEquivalentTo(hired, options => options.Excluding(e => e.EventId).Excluding(e => e.OccurredAt).Excluding(e => e.CorrelationId));
        AtTheTimeOf(hiredAgain.OccurredAt, hired.OccurredAt);
        var leaverProfile = await hr.PublishedAsync<StaffChanged>(e => e.StaffId == leaver.StaffId);
        leaverProfile.DisplayName.Should().Be("Qian Yu");
        var endedAgain = await hr.PublishedAsync<EmploymentEnded>(e => e.StaffId == leaver.StaffId && e.EventId != ended.EventId);
        (endedAgain.LastDay, endedAgain.Reason).Should().Be((ended.LastDay, "Resigned"));
        AtTheTimeOf(endedAgain.OccurredAt, ended.OccurredAt);
        var grantedAgain = await hr.PublishedAsync<CertificationGranted>(e => e.CertificationId == valid.Id && e.EventId != granted.EventId);
        (grantedAgain.Trade, grantedAgain.ValidUntil).Should().Be((granted.Trade, granted.ValidUntil));
        AtTheTimeOf(grantedAgain.OccurredAt, granted.OccurredAt);
        var revokedAgain = await hr.PublishedAsync<CertificationRevoked>(e => e.CertificationId == revoked.Id && e.EventId != revocation.EventId);
        revokedAgain.Reason.Should().Be("Failed the re-check");
        AtTheTimeOf(revokedAgain.OccurredAt, revocation.OccurredAt);
        var rosterAgain = await hr.PublishedAsync<DutyRosterPublished>(e => e.EstateId == estate && e.EventId != roster.EventId);
        rosterAgain.Day.Should().Be(roster.Day);
        rosterAgain.Assignments.Should().BeEquivalentTo(roster.Assignments);
        AtTheTimeOf(rosterAgain.OccurredAt, roster.OccurredAt);
        hr.Published<StaffHired>().Count(e => e.StaffId == leaver.StaffId).Should().Be(1, "an ended employment is never restated as a hire");

        // What the time stamps buy: a read model that already knew the change ignores its restatement.
        var certification = KnownCertification.Unknown(revoked.Id, estate, active.StaffId, "electrical", null);
        certification.Apply(revocation.OccurredAt, CertificationState.Revoked, revocation.ValidUntil, revocation.Reason).Should().BeTrue();
        certification.Apply(revokedAgain.OccurredAt, CertificationState.Revoked, revokedAgain.ValidUntil, revokedAgain.Reason)
            .Should().BeFalse("the restated revocation is not news where the revocation was seen, so no reaction runs twice");
    }

    [Fact]
    public async Task An_expired_certification_is_restated_as_expired_after_its_last_grant()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate]);
        var certification = await hr.CertifyAsync(staff.StaffId, estate, validFrom: HrTrainingService.LocalToday.AddDays(-60), validUntil: HrTrainingService.LocalToday);
        var granted = await hr.PublishedAsync<CertificationGranted>(e => e.CertificationId == certification.Id);
        await hr.InScopeAsync(async services =>
        {
            // What the daily expiry check records once it has announced the expiry.
            var db = services.GetRequiredService<HrTrainingDbContext>();
            var stored = await db.Certifications.SingleAsync(c => c.Id == certification.Id, Ct);
            stored.MarkExpiryAnnounced();
            return await db.SaveChangesAsync(Ct);
        });

        (await hr.CreateClient(TestCaller.GroupAdmin()).PostAsync("/api/hr-training/staff/republish", null, Ct)).EnsureSuccessStatusCode();

        var expired = await hr.PublishedAsync<CertificationExpired>(e => e.CertificationId == certification.Id);
        expired.ValidUntil.Should().Be(HrTrainingService.LocalToday);
        expired.OccurredAt.Should().BeAfter(granted.OccurredAt, "a read model that only saw the grant takes the expiry");
        hr.Published<CertificationGranted>().Count(e => e.CertificationId == certification.Id).Should().Be(1, "an expired certification is not restated as granted");
    }

    [Fact]
    public async Task Only_group_admins_republish_and_a_refused_call_puts_nothing_on_the_outbox()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate]);

        foreach (var caller in new[] { TestCaller.Staff(PlatformRoles.Trainer, estate), TestCaller.Staff(PlatformRoles.EstateManager, estate) })
        {
            (await hr.CreateClient(caller).PostAsync("/api/hr-training/staff/republish", null, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        (await hr.OutboxAsync<StaffHired>()).Count(e => e.StaffId == staff.StaffId).Should().Be(1, "only the hire itself announced the person");
    }

    /// <summary>A restatement carries its change's time, as the database keeps it (to the microsecond): never later.</summary>
    private static void AtTheTimeOf(DateTimeOffset restated, DateTimeOffset original) =>
        restated.Should().BeOnOrBefore(original).And.BeCloseTo(original, TimeSpan.FromMilliseconds(1));
}
