using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Patrols;
using PropertyPlatform.Reception.Features.Violations;
using PropertyPlatform.Reception.Tests.Features.Patrols;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Violations;

public sealed class ViolationsApiTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, Ct))!;

    /// <summary>A structural change found on today's daily patrol of a renovation site, an hour ago.</summary>
    private async Task<(Guid EstateId, ViolationResponse Violation)> FoundOnPatrolAsync()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var (_, site) = await PatrolsApiTests.RenovationSiteAsync(reception, estateId, units[0]);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var patrol = await clerk.PostAsJsonAsync($"/api/reception/patrol-targets/{site.Id}/patrols", new
        {
            patrolledAt = DateTimeOffset.UtcNow.AddHours(-1),
            checklist = PatrolTarget.ChecklistOf(PatrolTargetKind.RenovationSite).ToDictionary(item => item, item => item != "noStructuralChange"),
            findings = new object[] { new { kind = "violation", violationType = "structuralChange", description = "Part of a load-bearing wall removed" } },
        }, Ct);
        patrol.StatusCode.Should().Be(HttpStatusCode.Created);
        var record = await ReadAsync<PatrolRecordResponse>(patrol);
        return (estateId, (await clerk.GetFromJsonAsync<ViolationResponse>($"/api/reception/violations/{record.ViolationIds.Single()}", ApiJson.Options, Ct))!);
    }

    [Fact]
    public async Task A_violation_is_required_to_be_rectified_by_a_date_and_verified_fixed_on_a_second_visit_by_whoever_checked()
    {
        var (estateId, violation) = await FoundOnPatrolAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var secondButler = TestCaller.Clerk(estateId);
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(1);

        var checkedTooEarly = await clerk.PostAsJsonAsync($"/api/reception/violations/{violation.Id}/checks", new { @fixed = true, note = "Looks fine" }, Ct);
        var notice = await clerk.PostAsJsonAsync($"/api/reception/violations/{violation.Id}/rectification", new
        {
            rectifyBy = tomorrow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            note = "Restore the wall; structural engineer's report required",
        }, Ct);
        var notFixed = await clerk.PostAsJsonAsync($"/api/reception/violations/{violation.Id}/checks", new { @fixed = false, note = "Props only, wall still open" }, Ct);
        var verified = await reception.CreateClient(secondButler).PostAsJsonAsync(
            $"/api/reception/violations/{violation.Id}/checks", new { @fixed = true, note = "Wall rebuilt, report seen" }, Ct);
        var afterwards = await clerk.PostAsJsonAsync($"/api/reception/violations/{violation.Id}/checks", new { @fixed = false, note = "Again" }, Ct);

        violation.Status.Should().Be(ViolationStatus.Open);
        violation.Type.Should().Be(ViolationType.StructuralChange);
        checkedTooEarly.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ReadAsync<ViolationResponse>(notice)).Status.Should().Be(ViolationStatus.RectificationRequired);
        var stillOpen = await ReadAsync<ViolationResponse>(notFixed);
        stillOpen.Status.Should().Be(ViolationStatus.RectificationRequired);
        stillOpen.RectificationOverdue.Should().BeFalse();
        var closed = await ReadAsync<ViolationResponse>(verified);
        closed.Status.Should().Be(ViolationStatus.VerifiedFixed);
        closed.VerifiedBy.Should().Be(secondButler.Subject);
        closed.RectifyBy.Should().Be(tomorrow);
        closed.FollowUps.Select(f => f.Step).Should().Equal(
            ViolationStep.Found, ViolationStep.RectificationRequired, ViolationStep.CheckedNotFixed, ViolationStep.VerifiedFixed);
        closed.FollowUps[^1].By.Should().Be(secondButler.Subject);
        afterwards.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var listed = (await clerk.GetFromJsonAsync<Page<ViolationResponse>>(
            $"/api/reception/violations?estateId={estateId}&status=verifiedFixed", ApiJson.Options, Ct))!;
        listed.Items.Should().ContainSingle().Which.FollowUps.Should().HaveCount(4);
    }

    [Fact]
    public async Task A_past_due_date_or_a_check_no_later_than_the_finding_is_refused_and_changes_nothing()
    {
        var (estateId, violation) = await FoundOnPatrolAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var pastDate = await clerk.PostAsJsonAsync($"/api/reception/violations/{violation.Id}/rectification", new { rectifyBy = "2020-01-01", note = "Fix it" }, Ct);
        var badInput = await clerk.PostAsJsonAsync($"/api/reception/violations/{violation.Id}/rectification", new { rectifyBy = "soon" }, Ct);
        await clerk.PostAsJsonAsync($"/api/reception/violations/{violation.Id}/rectification", new { rectifyBy = "2099-01-01", note = "Fix it" }, Ct);
        var sameVisit = await clerk.PostAsJsonAsync($"/api/reception/violations/{violation.Id}/checks", new { @fixed = true, note = "Fine", checkedAt = violation.FoundAt }, Ct);
        var noAnswer = await clerk.PostAsJsonAsync($"/api/reception/violations/{violation.Id}/checks", new { note = "Hmm" }, Ct);

        (await ReadAsync<ValidationProblemDetails>(pastDate)).Errors.Keys.Should().Equal("rectifyBy");
        (await ReadAsync<ValidationProblemDetails>(badInput)).Errors.Keys.Should().BeEquivalentTo(["rectifyBy", "note"]);
        (await ReadAsync<ValidationProblemDetails>(sameVisit)).Errors.Keys.Should().Equal("checkedAt");
        (await ReadAsync<ValidationProblemDetails>(noAnswer)).Errors.Keys.Should().Equal("fixed");
        var stored = (await clerk.GetFromJsonAsync<ViolationResponse>($"/api/reception/violations/{violation.Id}", ApiJson.Options, Ct))!;
        stored.Status.Should().Be(ViolationStatus.RectificationRequired);
        stored.FollowUps.Select(f => f.Step).Should().Equal(ViolationStep.Found, ViolationStep.RectificationRequired);
    }

    [Fact]
    public async Task Butlers_follow_violations_up_technicians_only_read_and_other_estates_see_nothing()
    {
        var (estateId, violation) = await FoundOnPatrolAsync();
        var (otherEstate, _) = await reception.NewEstateAsync();
        var technician = reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, estateId));
        var otherClerk = reception.CreateClient(TestCaller.Clerk(otherEstate));
        var notice = new { rectifyBy = "2099-01-01", note = "Fix it" };

        (await technician.GetAsync($"/api/reception/violations/{violation.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await technician.PostAsJsonAsync($"/api/reception/violations/{violation.Id}/rectification", notice, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await otherClerk.GetAsync($"/api/reception/violations/{violation.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherClerk.PostAsJsonAsync($"/api/reception/violations/{violation.Id}/rectification", notice, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherClerk.GetFromJsonAsync<Page<ViolationResponse>>($"/api/reception/violations?estateId={estateId}", ApiJson.Options, Ct))!
            .Items.Should().BeEmpty();
    }
}
