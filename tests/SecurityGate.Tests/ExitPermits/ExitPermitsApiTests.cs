using System.Net;
using System.Net.Http.Json;
using PropertyPlatform.SecurityGate.Features.ExitPermits;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.SecurityGate.Tests.ExitPermits;

public sealed class ExitPermitsApiTests(SecurityGateService gate)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string LocalToday(int plusDays = 0) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(SecurityGateService.TimeZoneId)).DateTime)
            .AddDays(plusDays).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static object Sofa(Guid estate, Guid unit, int plusDays = 0) =>
        new { estateId = estate, unitId = unit, items = "Sofa, two armchairs", carriedBy = "Wang Movers", plannedOn = LocalToday(plusDays) };

    private Task<HttpResponseMessage> ExitAsync(Guid estate, Guid permitId) =>
        gate.Guard(estate).PostAsync($"/api/security-gate/exit-permits/{permitId}/exit", null, Ct);

    [Fact]
    public async Task An_owners_request_for_their_own_unit_is_approved_and_the_guard_records_the_exit_once()
    {
        var estate = await gate.NewEstateAsync();
        var unit = Guid.NewGuid();
        var owner = await gate.RegisterOwnerAsync(estate, unit);

        var permit = await (await gate.Owner(owner.OwnerId, estate, unit).PostAsJsonAsync("/api/security-gate/exit-permits", Sofa(estate, unit), Ct))
            .ReadAsync<ExitPermitResponse>(HttpStatusCode.Created);
        var exited = await (await ExitAsync(estate, permit.Id)).ReadAsync<ExitCheckResponse>(HttpStatusCode.OK);
        var again = await (await ExitAsync(estate, permit.Id)).ReadAsync<ExitCheckResponse>(HttpStatusCode.OK);

        permit.Status.Should().Be("Approved", "the owner asking for their own unit's items is the owner's approval");
        exited.Outcome.Should().Be("Exited");
        exited.Permit.ExitedAt.Should().NotBeNull();
        again.Outcome.Should().Be("Exited", "a second tap answers what happened the first time");
        again.Reason.Should().Contain("left already");
        again.HeldItemId.Should().BeNull();
        again.Permit.ExitedAt.Should().BeCloseTo(exited.Permit.ExitedAt!.Value, TimeSpan.FromMilliseconds(1), "the first exit's time");
        (await HeldAsync(estate)).Should().BeEmpty("the items left with their permit: nothing was held");
    }

    [Fact]
    public async Task Double_taps_at_the_exit_at_once_let_the_items_out_once_and_hold_nothing()
    {
        var estate = await gate.NewEstateAsync();
        var permit = await (await gate.CreateClient(TestCaller.Clerk(estate)).PostAsJsonAsync("/api/security-gate/exit-permits", Sofa(estate, Guid.NewGuid()), Ct))
            .ReadAsync<ExitPermitResponse>(HttpStatusCode.Created);

        var taps = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ExitAsync(estate, permit.Id)));

        foreach (var tap in taps)
        {
            var check = await tap.ReadAsync<ExitCheckResponse>(HttpStatusCode.OK);
            check.Outcome.Should().Be("Exited");
            check.HeldItemId.Should().BeNull();
        }

        (await HeldAsync(estate)).Should().BeEmpty();
    }

    [Fact]
    public async Task Another_estates_staff_cannot_read_decide_or_let_out_a_permit_and_nothing_changes()
    {
        var (estate, other) = (await gate.NewEstateAsync(), await gate.NewEstateAsync());
        var permit = await (await gate.CreateClient(TestCaller.Clerk(estate)).PostAsJsonAsync("/api/security-gate/exit-permits", Sofa(estate, Guid.NewGuid()), Ct))
            .ReadAsync<ExitPermitResponse>(HttpStatusCode.Created);
        var tenantsUnit = Guid.NewGuid();
        var pending = await (await gate.CreateClient(TestCaller.Owner(estate, tenantsUnit)).PostAsJsonAsync(
            "/api/security-gate/exit-permits", Sofa(estate, tenantsUnit), Ct)).ReadAsync<ExitPermitResponse>(HttpStatusCode.Created);

        var read = await gate.Guard(other).GetAsync($"/api/security-gate/exit-permits/{permit.Id}", Ct);
        var exit = await ExitAsync(other, permit.Id);
        var approve = await gate.CreateClient(TestCaller.Clerk(other)).PostAsync($"/api/security-gate/exit-permits/{pending.Id}/approve", null, Ct);
        var hold = await gate.Guard(other).PostAsJsonAsync("/api/security-gate/exit-permits/held-items",
            new { estateId = estate, items = "Air conditioner", carriedBy = "Unknown van" }, Ct);
        var list = await gate.Guard(other).GetFromJsonAsync<Page<ExitPermitResponse>>($"/api/security-gate/exit-permits?estateId={estate}", ApiJson.Options, Ct);

        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        exit.StatusCode.Should().Be(HttpStatusCode.NotFound);
        approve.StatusCode.Should().Be(HttpStatusCode.NotFound);
        hold.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        list!.Items.Should().BeEmpty();
        var after = await gate.Guard(estate).GetFromJsonAsync<Page<ExitPermitResponse>>($"/api/security-gate/exit-permits?estateId={estate}", ApiJson.Options, Ct);
        after!.Items.Select(p => (p.Id, p.Status, p.ExitedAt)).Should().BeEquivalentTo(
            [(permit.Id, "Approved", (DateTimeOffset?)null), (pending.Id, "Requested", (DateTimeOffset?)null)], "another estate's staff changed nothing");
        (await HeldAsync(estate)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_tenants_request_waits_for_the_units_owner_and_until_then_the_items_are_held()
    {
        var estate = await gate.NewEstateAsync();
        var unit = Guid.NewGuid();
        var owner = await gate.RegisterOwnerAsync(estate, unit);
        var tenant = gate.CreateClient(TestCaller.Owner(estate, unit));

        var permit = await (await tenant.PostAsJsonAsync("/api/security-gate/exit-permits", Sofa(estate, unit), Ct)).ReadAsync<ExitPermitResponse>(HttpStatusCode.Created);
        var early = await (await ExitAsync(estate, permit.Id)).ReadAsync<ExitCheckResponse>(HttpStatusCode.OK);
        var selfApproved = await tenant.PostAsync($"/api/security-gate/exit-permits/{permit.Id}/approve", null, Ct);
        var approved = await (await gate.Owner(owner.OwnerId, estate, unit).PostAsync($"/api/security-gate/exit-permits/{permit.Id}/approve", null, Ct))
            .ReadAsync<ExitPermitResponse>(HttpStatusCode.OK);
        var exited = await (await ExitAsync(estate, permit.Id)).ReadAsync<ExitCheckResponse>(HttpStatusCode.OK);

        permit.Status.Should().Be("Requested");
        early.Outcome.Should().Be("Held");
        early.HeldItemId.Should().NotBeNull();
        selfApproved.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a tenant is not the unit's owner");
        approved.Status.Should().Be("Approved");
        exited.Outcome.Should().Be("Exited");
        var held = await gate.Supervisor(estate).GetFromJsonAsync<Page<HeldItemResponse>>($"/api/security-gate/exit-permits/held-items?estateId={estate}", ApiJson.Options, Ct);
        held!.Items.Should().ContainSingle(h => h.PermitId == permit.Id && h.Reason.Contains("not approved"));
    }

    [Fact]
    public async Task The_front_desk_requests_approves_and_rejects_for_any_unit_but_an_owner_only_for_their_own()
    {
        var estate = await gate.NewEstateAsync();
        var (unit, otherUnit) = (Guid.NewGuid(), Guid.NewGuid());
        var owner = await gate.RegisterOwnerAsync(estate, unit);
        var clerk = gate.CreateClient(TestCaller.Clerk(estate));

        var byDesk = await (await clerk.PostAsJsonAsync("/api/security-gate/exit-permits", Sofa(estate, otherUnit), Ct)).ReadAsync<ExitPermitResponse>(HttpStatusCode.Created);
        var forOtherUnit = await gate.Owner(owner.OwnerId, estate, unit).PostAsJsonAsync("/api/security-gate/exit-permits", Sofa(estate, otherUnit), Ct);
        var tomorrow = await (await gate.CreateClient(TestCaller.Owner(estate, unit)).PostAsJsonAsync("/api/security-gate/exit-permits", Sofa(estate, unit, plusDays: 1), Ct))
            .ReadAsync<ExitPermitResponse>(HttpStatusCode.Created);
        var rejected = await (await clerk.PostAsJsonAsync($"/api/security-gate/exit-permits/{tomorrow.Id}/reject", new { reason = "Not the tenant's furniture" }, Ct))
            .ReadAsync<ExitPermitResponse>(HttpStatusCode.OK);
        var atExit = await (await ExitAsync(estate, tomorrow.Id)).ReadAsync<ExitCheckResponse>(HttpStatusCode.OK);

        byDesk.Status.Should().Be("Approved");
        forOtherUnit.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        rejected.Status.Should().Be("Rejected");
        atExit.Outcome.Should().Be("Held");
        atExit.Reason.Should().Contain("rejected");
    }

    [Fact]
    public async Task A_permit_for_another_day_holds_the_items()
    {
        var estate = await gate.NewEstateAsync();
        var permit = await (await gate.CreateClient(TestCaller.Clerk(estate)).PostAsJsonAsync("/api/security-gate/exit-permits", Sofa(estate, Guid.NewGuid(), plusDays: 2), Ct))
            .ReadAsync<ExitPermitResponse>(HttpStatusCode.Created);

        var check = await (await ExitAsync(estate, permit.Id)).ReadAsync<ExitCheckResponse>(HttpStatusCode.OK);

        check.Outcome.Should().Be("Held");
        check.Reason.Should().Contain("not today");
    }

    [Fact]
    public async Task Items_without_a_permit_are_held_and_recorded_and_bad_input_names_every_field()
    {
        var estate = await gate.NewEstateAsync();

        var held = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/exit-permits/held-items",
            new { estateId = estate, items = "Air conditioner", carriedBy = "Unknown van" }, Ct)).ReadAsync<HeldItemResponse>(HttpStatusCode.Created);
        var badHold = await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/exit-permits/held-items", new { estateId = estate, unitId = Guid.Empty }, Ct);
        var badRequest = await gate.CreateClient(TestCaller.Clerk(estate)).PostAsJsonAsync("/api/security-gate/exit-permits",
            new { estateId = estate, plannedOn = "tomorrow" }, Ct);

        held.Reason.Should().Be(ExitPermitsApi.NoPermit);
        (await badHold.ErrorFieldsAsync()).Should().BeEquivalentTo("items", "carriedBy", "unitId");
        (await badRequest.ErrorFieldsAsync()).Should().BeEquivalentTo("unitId", "items", "carriedBy", "plannedOn");
        var permits = await gate.Supervisor(estate).GetFromJsonAsync<Page<ExitPermitResponse>>($"/api/security-gate/exit-permits?estateId={estate}", ApiJson.Options, Ct);
        permits!.Items.Should().BeEmpty();
    }

    private async Task<IReadOnlyList<HeldItemResponse>> HeldAsync(Guid estate) =>
        (await gate.Supervisor(estate).GetFromJsonAsync<Page<HeldItemResponse>>($"/api/security-gate/exit-permits/held-items?estateId={estate}", ApiJson.Options, Ct))!.Items;
}
