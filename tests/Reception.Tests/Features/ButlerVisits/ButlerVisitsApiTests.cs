using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.ButlerVisits;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.ButlerVisits;

public sealed class ButlerVisitsApiTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, Ct))!;

    private static async Task<ButlerVisitResponse> ScheduleAsync(HttpClient client, Guid estateId, Guid unitId, string appointmentAt = "2026-12-01T10:00")
    {
        var response = await client.PostAsJsonAsync("/api/reception/butler-visits", new { estateId, unitId, butler = "butler.north", appointmentAt }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return await ReadAsync<ButlerVisitResponse>(response);
    }

    private static async Task CompleteAsync(HttpClient client, Guid visitId, string outcome, DateTimeOffset visitedAt)
    {
        var response = await client.PostAsJsonAsync($"/api/reception/butler-visits/{visitId}/outcome", new { outcome, visitedAt }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_visit_is_booked_in_estate_local_time_and_issues_raised_become_requests_linked_to_it()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var visit = await ScheduleAsync(clerk, estateId, units[0], "2026-12-01T10:00");
        var outcome = await clerk.PostAsJsonAsync($"/api/reception/butler-visits/{visit.Id}/outcome", new
        {
            outcome = "visited",
            notes = "Family well; two things to follow up",
            issues = new object[]
            {
                new { category = "repair", urgency = "urgent", description = "Balcony drain blocked" },
                new { category = "suggestion", description = "More lighting on the path to building 3" },
            },
        }, Ct);

        visit.Status.Should().Be(ButlerVisitStatus.Scheduled);
        visit.AppointmentAt.Should().Be(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero), "10:00 in Shanghai is 02:00 UTC");
        outcome.StatusCode.Should().Be(HttpStatusCode.OK);
        var completed = await ReadAsync<ButlerVisitResponse>(outcome);
        completed.Status.Should().Be(ButlerVisitStatus.Completed);
        completed.Outcome.Should().Be(ButlerVisitOutcome.Visited);
        completed.RequestIds.Should().HaveCount(2);

        var (requests, repairEvents) = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var requests = await db.Requests.AsNoTracking().Where(r => completed.RequestIds.Contains(r.Id)).ToListAsync(Ct);
            var outbox = await db.OutboxMessages.AsNoTracking().Where(m => m.EventType.StartsWith("PropertyPlatform.Contracts.Reception.RepairRequested")).ToListAsync(Ct);
            return (requests, outbox.Count(m => requests.Any(r => m.Payload.Contains(r.Id.ToString(), StringComparison.Ordinal))));
        });
        requests.Should().HaveCount(2).And.OnlyContain(r => r.Channel == RequestChannel.ButlerVisit && r.UnitId == units[0]);
        requests.Select(r => r.Category).Should().BeEquivalentTo([RequestCategory.Repair, RequestCategory.Suggestion]);
        repairEvents.Should().Be(1, "the repair goes on to maintenance");
    }

    [Fact]
    public async Task Coverage_lists_occupied_households_with_fewer_than_two_visits_in_the_estate_local_year()
    {
        var (estateId, units) = await reception.NewEstateAsync(units: 4);
        var vacant = await reception.AddUnitAsync(estateId, UnitStatus.Vacant);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var year = DateTimeOffset.UtcNow.Year;
        // The estate is in Shanghai (UTC+8): 31 Dec 15:30 UTC is still the old year there, 16:30 UTC is already the new one.
        var lastEveningOfOldYear = new DateTimeOffset(year - 1, 12, 31, 15, 30, 0, TimeSpan.Zero);
        var firstNightOfNewYear = new DateTimeOffset(year - 1, 12, 31, 16, 30, 0, TimeSpan.Zero);
        var newYearMorning = new DateTimeOffset(year, 1, 1, 1, 0, 0, TimeSpan.Zero);

        async Task VisitAsync(Guid unit, string outcome, DateTimeOffset at) => await CompleteAsync(clerk, (await ScheduleAsync(clerk, estateId, unit)).Id, outcome, at);
        await VisitAsync(units[0], "visited", newYearMorning);
        await VisitAsync(units[0], "visited", newYearMorning.AddMinutes(30));       // two this year: covered
        await VisitAsync(units[1], "visited", lastEveningOfOldYear);
        await VisitAsync(units[1], "visited", newYearMorning);                     // one this year, one last year
        await VisitAsync(units[2], "visited", firstNightOfNewYear);
        await VisitAsync(units[2], "visited", newYearMorning);                     // two this year, local time: covered
        await VisitAsync(units[3], "ownerAbsent", newYearMorning);
        await VisitAsync(units[3], "declined", newYearMorning.AddMinutes(5));       // nobody visited: none count
        await ScheduleAsync(clerk, estateId, units[3]);                            // booked, not made: does not count

        var listed = new List<VisitCoverageResponse>();
        string? cursor = null;
        do
        {
            var page = (await clerk.GetFromJsonAsync<Page<VisitCoverageResponse>>(
                $"/api/reception/butler-visits/coverage?estateId={estateId}&year={year}&limit=1" + (cursor is null ? "" : $"&cursor={cursor}"), ApiJson.Options, Ct))!;
            listed.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        var lastYear = (await clerk.GetFromJsonAsync<Page<VisitCoverageResponse>>(
            $"/api/reception/butler-visits/coverage?estateId={estateId}&year={year - 1}", ApiJson.Options, Ct))!;

        listed.Select(c => (c.UnitId, c.CompletedVisits, c.MissingVisits)).Should().BeEquivalentTo([(units[1], 1, 1), (units[3], 0, 2)]);
        listed.Should().NotContain(c => c.UnitId == vacant, "only occupied households are visited");
        lastYear.Items.Should().Contain(c => c.UnitId == units[1] && c.CompletedVisits == 1);
        lastYear.Items.Should().Contain(c => c.UnitId == units[2] && c.CompletedVisits == 0, "its first visit was already in the new year, local time");
    }

    [Fact]
    public async Task A_visit_task_is_arranged_before_its_outcome_and_an_outcome_is_recorded_once()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var taskId = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var task = ButlerVisit.DunningTask(estateId, units[0], Guid.NewGuid(), 880m, "CNY", 2, "system", DateTimeOffset.UtcNow);
            db.ButlerVisits.Add(task);
            await db.SaveChangesAsync(Ct);
            return task.Id;
        });

        var tooEarly = await clerk.PostAsJsonAsync($"/api/reception/butler-visits/{taskId}/outcome", new { outcome = "visited" }, Ct);
        var arranged = await clerk.PostAsJsonAsync($"/api/reception/butler-visits/{taskId}/appointment", new { butler = "butler.north", appointmentAt = "2026-12-02T19:30" }, Ct);
        var recorded = await clerk.PostAsJsonAsync($"/api/reception/butler-visits/{taskId}/outcome", new { outcome = "declined", notes = "Disputes the bill" }, Ct);
        var again = await clerk.PostAsJsonAsync($"/api/reception/butler-visits/{taskId}/outcome", new { outcome = "visited" }, Ct);

        tooEarly.StatusCode.Should().Be(HttpStatusCode.Conflict);
        arranged.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadAsync<ButlerVisitResponse>(arranged)).AppointmentAt.Should().Be(new DateTimeOffset(2026, 12, 2, 11, 30, 0, TimeSpan.Zero));
        recorded.StatusCode.Should().Be(HttpStatusCode.OK);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var stored = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().ButlerVisits.AsNoTracking().SingleAsync(v => v.Id == taskId, Ct));
        stored.Outcome.Should().Be(ButlerVisitOutcome.Declined);
    }

    [Fact]
    public async Task Bad_input_names_every_failing_field_and_stores_nothing()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var vacant = await reception.AddUnitAsync(estateId, UnitStatus.Vacant);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var bad = await clerk.PostAsJsonAsync("/api/reception/butler-visits", new { estateId, butler = " ", appointmentAt = "2026-12-01 10:00+08:00" }, Ct);
        var vacantUnit = await clerk.PostAsJsonAsync("/api/reception/butler-visits", new { estateId, unitId = vacant, butler = "b", appointmentAt = "2026-12-01T10:00" }, Ct);
        var visit = await ScheduleAsync(clerk, estateId, units[0]);
        var badOutcome = await clerk.PostAsJsonAsync($"/api/reception/butler-visits/{visit.Id}/outcome", new
        {
            outcome = "declined",
            visitedAt = DateTimeOffset.UtcNow.AddDays(1),
            issues = new object[] { new { category = "gossip", description = "x" } },
        }, Ct);
        var badYear = await clerk.GetAsync($"/api/reception/butler-visits/coverage?estateId={estateId}&year=1999", Ct);

        (await ReadAsync<ValidationProblemDetails>(bad)).Errors.Keys.Should().BeEquivalentTo(["unitId", "butler", "appointmentAt"]);
        (await ReadAsync<ValidationProblemDetails>(vacantUnit)).Errors.Keys.Should().Equal("unitId");
        (await ReadAsync<ValidationProblemDetails>(badOutcome)).Errors.Keys.Should().BeEquivalentTo(
            ["visitedAt", "issues", "issues[0].category", "issues[0].description"]);
        (await ReadAsync<ValidationProblemDetails>(badYear)).Errors.Keys.Should().Equal("year");
        var (visits, requests) = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            return (await db.ButlerVisits.AsNoTracking().Where(v => v.EstateId == estateId).ToListAsync(Ct), await db.Requests.CountAsync(r => r.EstateId == estateId, Ct));
        });
        visits.Should().ContainSingle().Which.Status.Should().Be(ButlerVisitStatus.Scheduled);
        requests.Should().Be(0);
    }

    [Fact]
    public async Task Butlers_book_visits_technicians_only_read_and_other_estates_see_nothing()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var (otherEstate, _) = await reception.NewEstateAsync();
        var visit = await ScheduleAsync(reception.CreateClient(TestCaller.Clerk(estateId)), estateId, units[0]);
        var technician = reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, estateId));
        var supervisor = reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, estateId));
        var otherClerk = reception.CreateClient(TestCaller.Clerk(otherEstate));
        var owner = reception.CreateClient(TestCaller.Owner(estateId, units[0]));
        var booking = new { estateId, unitId = units[0], butler = "b", appointmentAt = "2026-12-03T10:00" };

        (await technician.PostAsJsonAsync("/api/reception/butler-visits", booking, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await owner.GetAsync($"/api/reception/butler-visits/{visit.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await technician.GetAsync($"/api/reception/butler-visits/{visit.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await technician.GetAsync($"/api/reception/butler-visits/coverage?estateId={estateId}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await supervisor.PostAsJsonAsync("/api/reception/butler-visits", booking, Ct)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await otherClerk.PostAsJsonAsync("/api/reception/butler-visits", booking, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await otherClerk.GetAsync($"/api/reception/butler-visits/{visit.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherClerk.PostAsJsonAsync($"/api/reception/butler-visits/{visit.Id}/outcome", new { outcome = "visited" }, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherClerk.GetAsync($"/api/reception/butler-visits/coverage?estateId={estateId}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var listed = (await otherClerk.GetFromJsonAsync<Page<ButlerVisitResponse>>($"/api/reception/butler-visits?estateId={estateId}", ApiJson.Options, Ct))!;
        listed.Items.Should().BeEmpty();
    }
}
