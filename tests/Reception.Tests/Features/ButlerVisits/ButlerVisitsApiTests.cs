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
        var response = await client.PostAsJsonAsync($"/api/reception/butler-visits/{visitId}/outcome", new { outcome, visitedAt, acknowledgedBy = "Mrs Li" }, Ct);
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
            acknowledgedBy = "Mr Wang (owner)",
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

        var tooEarly = await clerk.PostAsJsonAsync($"/api/reception/butler-visits/{taskId}/outcome", new { outcome = "visited", acknowledgedBy = "Mr Wang" }, Ct);
        var arranged = await clerk.PostAsJsonAsync($"/api/reception/butler-visits/{taskId}/appointment", new { butler = "butler.north", appointmentAt = "2026-12-02T19:30" }, Ct);
        var recorded = await clerk.PostAsJsonAsync($"/api/reception/butler-visits/{taskId}/outcome", new { outcome = "declined", notes = "Disputes the bill" }, Ct);
        var again = await clerk.PostAsJsonAsync($"/api/reception/butler-visits/{taskId}/outcome", new { outcome = "visited", acknowledgedBy = "Mr Wang" }, Ct);

        tooEarly.StatusCode.Should().Be(HttpStatusCode.Conflict);
        arranged.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadAsync<ButlerVisitResponse>(arranged)).AppointmentAt.Should().Be(new DateTimeOffset(2026, 12, 2, 11, 30, 0, TimeSpan.Zero));
        recorded.StatusCode.Should().Be(HttpStatusCode.OK);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var stored = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().ButlerVisits.AsNoTracking().SingleAsync(v => v.Id == taskId, Ct));
        stored.Outcome.Should().Be(ButlerVisitOutcome.Declined);
    }

    [Fact]
    public async Task A_visit_that_took_place_keeps_the_households_opinions_family_changes_and_arrears_and_who_acknowledged_it()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var visit = await ScheduleAsync(clerk, estateId, units[0]);

        var unacknowledged = await clerk.PostAsJsonAsync($"/api/reception/butler-visits/{visit.Id}/outcome", new { outcome = "visited", opinions = "Lifts are slow" }, Ct);
        var recorded = await clerk.PostAsJsonAsync($"/api/reception/butler-visits/{visit.Id}/outcome", new
        {
            outcome = "visited",
            opinions = "Lifts are slow in the morning",
            familyChanges = "A baby born in October; grandmother moved in",
            arrearsDiscussed = "Two months of the management fee; will pay at the counter",
            acknowledgedBy = "Mrs Zhao (owner)",
        }, Ct);

        unacknowledged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadAsync<ValidationProblemDetails>(unacknowledged)).Errors.Should().ContainKey("acknowledgedBy");
        recorded.StatusCode.Should().Be(HttpStatusCode.OK);
        var stored = await clerk.GetFromJsonAsync<ButlerVisitResponse>($"/api/reception/butler-visits/{visit.Id}", ApiJson.Options, Ct);
        stored!.Record.Should().Be(new VisitRecord(
            "Lifts are slow in the morning", "A baby born in October; grandmother moved in", "Two months of the management fee; will pay at the counter", "Mrs Zhao (owner)"));
    }

    [Fact]
    public async Task A_dunning_visits_outcome_goes_back_to_billing_with_the_reason_the_owner_gave()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var ownerId = Guid.NewGuid();
        var taskId = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var task = ButlerVisit.DunningTask(estateId, units[0], ownerId, 1260m, "CNY", 2, "system", DateTimeOffset.UtcNow);
            db.ButlerVisits.Add(task);
            await db.SaveChangesAsync(Ct);
            return task.Id;
        });
        var routine = await ScheduleAsync(clerk, estateId, units[0]);
        (await clerk.PostAsJsonAsync($"/api/reception/butler-visits/{taskId}/appointment", new { butler = "butler.north", appointmentAt = "2026-12-02T19:30" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var reasonOnRoutineVisit = await clerk.PostAsJsonAsync(
            $"/api/reception/butler-visits/{routine.Id}/outcome", new { outcome = "visited", acknowledgedBy = "Mrs Zhao", arrearsReason = "hardship" }, Ct);
        var recorded = await clerk.PostAsJsonAsync($"/api/reception/butler-visits/{taskId}/outcome", new
        {
            outcome = "visited", acknowledgedBy = "Mr Zhao", arrearsDiscussed = "Says the water bill double-counts August", arrearsReason = "dispute",
        }, Ct);

        reasonOnRoutineVisit.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadAsync<ValidationProblemDetails>(reasonOnRoutineVisit)).Errors.Should().ContainKey("arrearsReason");
        recorded.StatusCode.Should().Be(HttpStatusCode.OK);
        var sent = (await reception.OutboxAsync<PropertyPlatform.Contracts.Reception.DunningVisitRecorded>()).Where(e => e.VisitId == taskId).ToList();
        sent.Should().ContainSingle().Which.Should().Match<PropertyPlatform.Contracts.Reception.DunningVisitRecorded>(e =>
            e.EstateId == estateId && e.UnitId == units[0] && e.OwnerId == ownerId && e.DunningStep == 2 && e.Outcome == "Visited" && e.ArrearsReason == "dispute");
        (await reception.OutboxAsync<PropertyPlatform.Contracts.Reception.DunningVisitRecorded>()).Should().NotContain(e => e.VisitId == routine.Id);
    }

    [Fact]
    public async Task Coverage_counts_a_household_occupied_during_the_year_though_it_is_vacant_today()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var movedOutInJune = await reception.AddUnitAsync(estateId, UnitStatus.Vacant);
        var movedOutLastYear = await reception.AddUnitAsync(estateId, UnitStatus.Vacant);
        var year = DateTimeOffset.UtcNow.Year;
        await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var moveIns = new[] { movedOutInJune, movedOutLastYear }
                .Select(unit => MoveIn.Record(estateId, unit, new DateOnly(year - 2, 3, 1), 2, 10m, 20m, null, null, "clerk.north", DateTimeOffset.UtcNow)).ToArray();
            db.MoveIns.AddRange(moveIns);
            var june = Resident.MoveIn(estateId, movedOutInJune, moveIns[0].Id, ResidentKind.Owner, "Chen Jie", "13800000001", new DateOnly(year - 2, 3, 1), DateTimeOffset.UtcNow);
            june.MoveOut(new DateOnly(year, 6, 15), null, null, null, null, DateTimeOffset.UtcNow);
            var lastYear = Resident.MoveIn(estateId, movedOutLastYear, moveIns[1].Id, ResidentKind.Owner, "Gao Min", "13800000002", new DateOnly(year - 2, 3, 1), DateTimeOffset.UtcNow);
            lastYear.MoveOut(new DateOnly(year - 1, 11, 30), null, null, null, null, DateTimeOffset.UtcNow);
            db.Residents.AddRange(june, lastYear);
            await db.SaveChangesAsync(Ct);
            return 0;
        });
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var coverage = await clerk.GetFromJsonAsync<Page<VisitCoverageResponse>>($"/api/reception/butler-visits/coverage?estateId={estateId}&year={year}", ApiJson.Options, Ct);

        coverage!.Items.Should().Contain(c => c.UnitId == movedOutInJune && c.MissingVisits == 2, "the household lived there until June: it was owed its visits");
        coverage.Items.Should().NotContain(c => c.UnitId == movedOutLastYear, "nobody lived there this year");
    }

    [Fact]
    public async Task From_the_first_of_November_households_still_short_of_visits_warn_the_desk_and_the_years_end_is_the_deadline()
    {
        var (estateId, units) = await reception.NewEstateAsync(units: 2);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        // A past year: the service's own scheduler counts only the current one.
        const int year = 2025;
        // Shanghai: 1 November 00:00 local is 31 October 16:00 UTC.
        var lateOctober = new DateTimeOffset(year, 10, 31, 15, 0, 0, TimeSpan.Zero);
        var novemberSecond = new DateTimeOffset(year, 11, 2, 1, 0, 0, TimeSpan.Zero);
        async Task<VisitCoverageYear?> DeadlineAsync() => await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>()
            .VisitCoverageYears.AsNoTracking().SingleOrDefaultAsync(y => y.EstateId == estateId && y.Year == year, Ct));
        // This estate only: the tests share one database, and a count of a past year over all of it would open (and at once
        // breach) a deadline for every other test's estate.
        Task<int> CountAsync(DateTimeOffset now) => reception.InScopeAsync(sp => VisitCoverageScheduler.CountAsync(sp.GetRequiredService<ReceptionDbContext>(), estateId, now, Ct));

        await CountAsync(lateOctober);
        var beforeNovember = await DeadlineAsync();
        await CountAsync(novemberSecond);
        await CountAsync(novemberSecond.AddHours(1));
        var opened = await DeadlineAsync();
        foreach (var unit in units)
        {
            await CompleteAsync(clerk, (await ScheduleAsync(clerk, estateId, unit)).Id, "visited", new DateTimeOffset(year, 3, 1, 2, 0, 0, TimeSpan.Zero));
            await CompleteAsync(clerk, (await ScheduleAsync(clerk, estateId, unit)).Id, "visited", new DateTimeOffset(year, 11, 2, 2, 0, 0, TimeSpan.Zero));
        }

        await CountAsync(novemberSecond.AddDays(1));
        var met = await DeadlineAsync();

        beforeNovember.Should().BeNull("the warning starts on 1 November, estate-local");
        opened.Should().NotBeNull();
        opened!.ShortHouseholds.Should().Be(2);
        opened.CountedAt.Should().Be(novemberSecond, "the next hour's count found the same households short and wrote nothing");
        opened.Due.StartedAt.Should().Be(new DateTimeOffset(year, 10, 31, 16, 0, 0, TimeSpan.Zero));
        opened.Due.DueAt.Should().Be(new DateTimeOffset(year, 12, 31, 16, 0, 0, TimeSpan.Zero), "the local year ends at midnight in Shanghai");
        opened.Due.WarnAt.Should().BeOnOrBefore(novemberSecond, "the desk is warned as soon as the deadline opens");
        met!.Due.CompletedAt.Should().Be(novemberSecond.AddDays(1), "every household has had its two visits");
        met.ShortHouseholds.Should().Be(0);
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
        (await otherClerk.PostAsJsonAsync($"/api/reception/butler-visits/{visit.Id}/outcome", new { outcome = "visited", acknowledgedBy = "Mr Wang" }, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherClerk.GetAsync($"/api/reception/butler-visits/coverage?estateId={estateId}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var listed = (await otherClerk.GetFromJsonAsync<Page<ButlerVisitResponse>>($"/api/reception/butler-visits?estateId={estateId}", ApiJson.Options, Ct))!;
        listed.Items.Should().BeEmpty();
    }
}
