using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Activities;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Activities;

public sealed class ActivitiesApiTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NextWeekLocal() =>
        DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(7).ToString("yyyy-MM-dd'T'19:00", CultureInfo.InvariantCulture);

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, Ct))!;
    }

    [Fact]
    public async Task An_activity_is_planned_with_a_budget_signed_up_to_capacity_held_evaluated_once_and_archived_with_its_cost_and_its_score_in_the_list()
    {
        var (estateId, units) = await reception.NewEstateAsync(units: 2);
        var ownerId = await reception.AddOwnerAsync(estateId, units[0]);
        var owner = reception.CreateClient(TestCaller.OwnerAccount(ownerId, estateId, units[0]));
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var supervisor = reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, estateId));

        var activity = await ReadAsync<ActivityResponse>(await clerk.PostAsJsonAsync("/api/reception/activities", new
        {
            estateId, title = "Mid-autumn lantern evening", description = "Lanterns and mooncakes in the garden", place = "Central garden",
            startsAt = NextWeekLocal(), capacity = 2, budget = 3000.00m,
        }, Ct));
        var mine = await ReadAsync<SignUpResponse>(await owner.PostAsJsonAsync($"/api/reception/activities/{activity.Id}/sign-ups", new { unitId = units[0], participant = "Zhang Min" }, Ct));
        var twice = await owner.PostAsJsonAsync($"/api/reception/activities/{activity.Id}/sign-ups", new { unitId = units[0], participant = "Zhang Min" }, Ct);
        var othersUnit = await owner.PostAsJsonAsync($"/api/reception/activities/{activity.Id}/sign-ups", new { unitId = units[1], participant = "Li Lei" }, Ct);
        await ReadAsync<SignUpResponse>(await clerk.PostAsJsonAsync($"/api/reception/activities/{activity.Id}/sign-ups", new { unitId = units[1], participant = "Li Lei" }, Ct));
        var full = await clerk.PostAsJsonAsync($"/api/reception/activities/{activity.Id}/sign-ups", new { unitId = units[1], participant = "Han Mei" }, Ct);
        var tooEarly = await clerk.PostAsync($"/api/reception/activities/{activity.Id}/held", null, Ct);
        var evaluateTooEarly = await owner.PostAsJsonAsync($"/api/reception/activity-sign-ups/{mine.Id}/evaluation", new { satisfaction = 5 }, Ct);

        // The evening comes.
        await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Activities.Where(a => a.Id == activity.Id)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.StartsAt, DateTimeOffset.UtcNow.AddHours(-3)), Ct));
        var lateSignUp = await clerk.PostAsJsonAsync($"/api/reception/activities/{activity.Id}/sign-ups", new { unitId = units[0], participant = "Late comer" }, Ct);
        await ReadAsync<ActivityResponse>(await clerk.PostAsync($"/api/reception/activities/{activity.Id}/held", null, Ct));
        var evaluated = await ReadAsync<SignUpResponse>(await owner.PostAsJsonAsync(
            $"/api/reception/activity-sign-ups/{mine.Id}/evaluation", new { satisfaction = 4, comment = "Lovely, more seats next time" }, Ct));
        var again = await owner.PostAsJsonAsync($"/api/reception/activity-sign-ups/{mine.Id}/evaluation", new { satisfaction = 1 }, Ct);
        var clerkArchives = await clerk.PostAsJsonAsync($"/api/reception/activities/{activity.Id}/archive", new { actualCost = 2780.50m, summary = "40 came" }, Ct);
        var archived = await ReadAsync<ActivityResponse>(await supervisor.PostAsJsonAsync(
            $"/api/reception/activities/{activity.Id}/archive", new { actualCost = 2780.50m, summary = "Two households came; lanterns were a hit" }, Ct));
        var archive = await owner.GetFromJsonAsync<Page<ActivityResponse>>($"/api/reception/activities?estateId={estateId}&status=archived", ApiJson.Options, Ct);

        activity.Currency.Should().Be("CNY");
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict);
        othersUnit.StatusCode.Should().Be(HttpStatusCode.Forbidden, "an owner signs up their own household");
        full.StatusCode.Should().Be(HttpStatusCode.Conflict, "two places, both taken");
        tooEarly.StatusCode.Should().Be(HttpStatusCode.Conflict);
        evaluateTooEarly.StatusCode.Should().Be(HttpStatusCode.Conflict);
        lateSignUp.StatusCode.Should().Be(HttpStatusCode.Conflict);
        evaluated.Satisfaction.Should().Be(4);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict, "the questionnaire is answered once");
        clerkArchives.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        archived.Status.Should().Be(ActivityStatus.Archived);
        archived.ActualCost.Should().Be(2780.50m);
        archived.SignedUp.Should().Be(2);
        archived.Evaluations.Should().Be(1);
        archived.AverageSatisfaction.Should().Be(4m);
        archive!.Items.Should().ContainSingle(a => a.Id == activity.Id)
            .Which.Should().Match<ActivityResponse>(a => a.Evaluations == 1 && a.AverageSatisfaction == 4m, "the archive's list reports the evaluation as the detail does");
    }

    [Fact]
    public async Task Bad_plans_name_every_failing_field_and_store_nothing_and_another_estate_sees_nothing()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var (otherEstate, _) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var bad = await clerk.PostAsJsonAsync("/api/reception/activities", new { estateId, title = "", place = "Hall", startsAt = "next friday", capacity = 0, budget = 12.345m }, Ct);
        var past = await clerk.PostAsJsonAsync("/api/reception/activities", new
        {
            estateId, title = "Yesterday's tea", description = "Tea", place = "Hall", startsAt = "2020-01-01T10:00", capacity = 10, budget = 0m,
        }, Ct);
        var planned = await ReadAsync<ActivityResponse>(await clerk.PostAsJsonAsync("/api/reception/activities", new
        {
            estateId, title = "Chess club", description = "Weekly chess", place = "Club room", startsAt = NextWeekLocal(), capacity = 12, budget = 0m,
        }, Ct));
        var otherReads = await reception.CreateClient(TestCaller.Clerk(otherEstate)).GetAsync($"/api/reception/activities/{planned.Id}", Ct);

        (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo(["title", "description", "startsAt", "capacity", "budget"]);
        (await past.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("startsAt");
        otherReads.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var listed = await clerk.GetFromJsonAsync<Page<ActivityResponse>>($"/api/reception/activities?estateId={estateId}", ApiJson.Options, Ct);
        listed!.Items.Select(a => a.Id).Should().Equal([planned.Id], "refused plans store nothing");
    }
}
