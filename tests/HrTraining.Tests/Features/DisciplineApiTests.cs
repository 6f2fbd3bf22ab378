using System.Net;
using System.Net.Http.Json;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.HrTraining.Features.Discipline;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.HrTraining.Tests.Features.Attendance;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.HrTraining.Tests.Features;

public sealed class DisciplineApiTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<DisciplinaryStepResponse> BreachAsync(Guid estate, Guid staffId, string breach)
    {
        var response = await hr.Supervisor(estate).PostAsJsonAsync($"/api/hr-training/staff/{staffId}/breaches",
            new { estateId = estate, occurredOn = Staffing.Day(HrTrainingService.LocalToday), breach }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<DisciplinaryStepResponse>(ApiJson.Options, Ct))!;
    }

    [Fact]
    public async Task First_breach_is_a_verbal_warning_second_a_written_warning_then_a_dismissal_proposal_and_each_step_is_on_the_file()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, _) = await hr.ClerkWithDeviceAsync(estate, "Repeat Offender");

        var first = await BreachAsync(estate, clerk.StaffId, "Left the desk unattended");
        var second = await BreachAsync(estate, clerk.StaffId, "Rude to an owner");
        var third = await BreachAsync(estate, clerk.StaffId, "Asked a colleague to sign in for them");
        var fourth = await BreachAsync(estate, clerk.StaffId, "Absent without leave");

        (first.Step, second.Step, third.Step, fourth.Step).Should().Be(("VerbalWarning", "WrittenWarning", "DismissalProposal", "DismissalProposal"));
        third.Decision.Should().Be("Pending");
        first.Decision.Should().BeNull();
        var file = (await hr.Manager(estate).GetFromJsonAsync<StaffFileResponse>($"/api/hr-training/staff/{clerk.StaffId}/file", ApiJson.Options, Ct))!;
        file.Discipline.Select(d => (d.BreachNumber, d.Step)).Should().Equal(
            (1, "VerbalWarning"), (2, "WrittenWarning"), (3, "DismissalProposal"), (4, "DismissalProposal"));
        var own = (await hr.As(clerk).GetFromJsonAsync<StaffFileResponse>("/api/hr-training/staff/me/file", ApiJson.Options, Ct))!;
        own.Discipline.Should().HaveCount(4, "a person sees their own file");
    }

    [Fact]
    public async Task A_confirmed_dismissal_ends_the_employment_through_the_employment_ended_path()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, _) = await hr.ClerkWithDeviceAsync(estate, "Dismissed Person");
        await BreachAsync(estate, clerk.StaffId, "One");
        await BreachAsync(estate, clerk.StaffId, "Two");
        var proposal = await BreachAsync(estate, clerk.StaffId, "Three");

        var response = await hr.Manager(estate).PostAsJsonAsync($"/api/hr-training/discipline/{proposal.Id}/decide",
            new { confirm = true, note = "Third breach this year", lastDay = Staffing.Day(HrTrainingService.LocalToday) }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var ended = await hr.PublishedAsync<EmploymentEnded>(e => e.StaffId == clerk.StaffId);
        ended.Reason.Should().Contain("Dismissed").And.Contain("Third breach this year");
        var file = (await hr.Manager(estate).GetFromJsonAsync<StaffFileResponse>($"/api/hr-training/staff/{clerk.StaffId}/file", ApiJson.Options, Ct))!;
        file.Employment.Status.Should().Be("Ended");
        file.Discipline.Single(d => d.Id == proposal.Id).Decision.Should().Be("Confirmed");
        (await hr.Manager(estate).PostAsJsonAsync($"/api/hr-training/discipline/{proposal.Id}/decide", new { confirm = false, note = "Again" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_declined_proposal_keeps_the_person_and_only_the_estate_manager_of_the_estate_decides()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, _) = await hr.ClerkWithDeviceAsync(estate, "Second Chance");
        var warning = await BreachAsync(estate, clerk.StaffId, "One");
        await BreachAsync(estate, clerk.StaffId, "Two");
        var proposal = await BreachAsync(estate, clerk.StaffId, "Three");

        (await hr.Supervisor(estate).PostAsJsonAsync($"/api/hr-training/discipline/{proposal.Id}/decide", new { confirm = true, note = "x", lastDay = "2026-12-01" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await hr.Manager(Guid.NewGuid()).PostAsJsonAsync($"/api/hr-training/discipline/{proposal.Id}/decide", new { confirm = true, note = "x", lastDay = "2026-12-01" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await hr.Manager(estate).PostAsJsonAsync($"/api/hr-training/discipline/{warning.Id}/decide", new { confirm = true, note = "x", lastDay = "2026-12-01" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await hr.Manager(estate).PostAsJsonAsync($"/api/hr-training/discipline/{proposal.Id}/decide", new { confirm = false, note = "Improving" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var file = (await hr.Manager(estate).GetFromJsonAsync<StaffFileResponse>($"/api/hr-training/staff/{clerk.StaffId}/file", ApiJson.Options, Ct))!;
        file.Employment.Status.Should().Be("Active");
        file.Discipline.Single(d => d.Id == proposal.Id).Decision.Should().Be("Declined");
        (await hr.OutboxAsync<EmploymentEnded>()).Should().NotContain(e => e.StaffId == clerk.StaffId);
    }

    [Fact]
    public async Task A_dismissal_proposal_is_notified_once_to_the_estate_managers_of_the_persons_home_estate()
    {
        var estate = await hr.NewEstateAsync();
        var manager = await hr.HireAsync([estate], [], name: "Manager Ma", position: "Estate manager");
        var (clerk, _) = await hr.ClerkWithDeviceAsync(estate, "Third Strike");

        await BreachAsync(estate, clerk.StaffId, "One");
        await BreachAsync(estate, clerk.StaffId, "Two");
        var afterWarnings = (await hr.OutboxAsync<NotificationRequested>()).Count(n => n.EstateId == estate);
        var proposal = await BreachAsync(estate, clerk.StaffId, "Three");

        afterWarnings.Should().Be(0, "warnings are not the estate manager's to decide");
        var notice = (await hr.OutboxAsync<NotificationRequested>()).Where(n => n.EstateId == estate).Should().ContainSingle().Which;
        (notice.RecipientKind, notice.RecipientId, notice.TemplateKey).Should().Be(("staff", manager.StaffId, DisciplineApi.ProposalTemplate));
        notice.Data.Should().Contain(new Dictionary<string, string>
        {
            ["staffName"] = "Third Strike", ["breachNumber"] = "3", ["breach"] = "Three", ["staffId"] = clerk.StaffId.ToString(), ["proposalId"] = proposal.Id.ToString(),
        });
    }

    [Fact]
    public async Task The_estate_manager_lists_the_pending_dismissal_proposals_of_their_estate_page_by_page()
    {
        var estate = await hr.NewEstateAsync();
        var (first, _) = await hr.ClerkWithDeviceAsync(estate, "First Offender");
        var (second, _) = await hr.ClerkWithDeviceAsync(estate, "Second Offender");
        var proposals = new List<DisciplinaryStepResponse>();
        foreach (var clerk in new[] { first, second })
        {
            await BreachAsync(estate, clerk.StaffId, "One");
            await BreachAsync(estate, clerk.StaffId, "Two");
            proposals.Add(await BreachAsync(estate, clerk.StaffId, "Three"));
        }

        var declined = await BreachAsync(estate, first.StaffId, "Four");
        (await hr.Manager(estate).PostAsJsonAsync($"/api/hr-training/discipline/{declined.Id}/decide", new { confirm = false, note = "Improving" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var page = (await hr.Manager(estate).GetFromJsonAsync<Page<DisciplinaryStepResponse>>(
            $"/api/hr-training/discipline/proposals?estateId={estate}&limit=1", ApiJson.Options, Ct))!;
        var next = (await hr.Hr(estate).GetFromJsonAsync<Page<DisciplinaryStepResponse>>(
            $"/api/hr-training/discipline/proposals?estateId={estate}&limit=1&cursor={Uri.EscapeDataString(page.NextCursor!)}", ApiJson.Options, Ct))!;

        page.Items.Concat(next.Items).Select(p => p.Id).Should().Equal(proposals[1].Id, proposals[0].Id);
        (await hr.Manager(Guid.NewGuid()).GetAsync($"/api/hr-training/discipline/proposals?estateId={estate}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await hr.Supervisor(estate).GetAsync($"/api/hr-training/discipline/proposals?estateId={estate}", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await hr.Manager(estate).GetAsync("/api/hr-training/discipline/proposals", Ct)).ErrorFieldsAsync()).Should().Equal("estateId");
    }

    [Fact]
    public async Task A_breach_with_bad_input_names_every_field_and_another_estates_file_is_not_found()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, _) = await hr.ClerkWithDeviceAsync(estate);

        (await (await hr.Supervisor(estate).PostAsJsonAsync($"/api/hr-training/staff/{clerk.StaffId}/breaches", new { occurredOn = "yesterday", breach = " " }, Ct))
            .ErrorFieldsAsync()).Should().BeEquivalentTo(["estateId", "occurredOn", "breach"]);
        (await (await hr.Manager(estate).PostAsJsonAsync($"/api/hr-training/discipline/{Guid.NewGuid()}/decide", new { confirm = true }, Ct))
            .ErrorFieldsAsync()).Should().BeEquivalentTo(["note", "lastDay"]);
        (await hr.Manager(Guid.NewGuid()).GetAsync($"/api/hr-training/staff/{clerk.StaffId}/file", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var file = (await hr.Manager(estate).GetFromJsonAsync<StaffFileResponse>($"/api/hr-training/staff/{clerk.StaffId}/file", ApiJson.Options, Ct))!;
        file.Discipline.Should().BeEmpty();
    }
}
