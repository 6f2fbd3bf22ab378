using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Features.SpecialAccess;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.SecurityGate.Tests.SpecialAccess;

public sealed class SpecialAccessTests(SecurityGateService gate)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
        TimeZoneInfo.FindSystemTimeZoneById(SecurityGateService.TimeZoneId)).DateTime);

    private async Task<AccessCheckResponse> CheckPlateAsync(Guid estate, string plate) =>
        (await gate.Guard(estate).GetFromJsonAsync<AccessCheckResponse>($"/api/security-gate/special-vehicles/check?estateId={estate}&plate={Uri.EscapeDataString(plate)}", ApiJson.Options, Ct))!;

    private async Task<AccessCheckResponse> CheckWorkerAsync(Guid estate, Guid permitId, string worker) =>
        (await gate.Guard(estate).GetFromJsonAsync<AccessCheckResponse>($"/api/security-gate/renovation-sites/{permitId}/check?worker={Uri.EscapeDataString(worker)}", ApiJson.Options, Ct))!;

    [Fact]
    public async Task A_special_vehicle_is_let_in_only_within_its_registered_window()
    {
        var estate = await gate.NewEstateAsync();
        var now = DateTimeOffset.UtcNow;
        var moving = await (await gate.CreateClient(TestCaller.Clerk(estate)).PostAsJsonAsync("/api/security-gate/special-vehicles",
            new { estateId = estate, unitId = Guid.NewGuid(), plate = "沪B 66666", kind = "Moving", company = "Ants Moving", validFrom = now.AddHours(-1), validUntil = now.AddHours(4) }, Ct))
            .ReadAsync<SpecialVehicleResponse>(HttpStatusCode.Created);
        await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/special-vehicles",
            new { estateId = estate, plate = "沪C12345", kind = "Construction", company = "Build Co", validFrom = now.AddDays(1), validUntil = now.AddDays(2) }, Ct))
            .ReadAsync<SpecialVehicleResponse>(HttpStatusCode.Created);

        (await CheckPlateAsync(estate, "沪B66666")).Should().Be(new AccessCheckResponse(true, null, moving.Id));
        (await CheckPlateAsync(estate, "沪C12345")).Allowed.Should().BeFalse("its window opens tomorrow");
        (await CheckPlateAsync(estate, "沪D00001")).Reason.Should().Be("Not registered as a special vehicle.");
    }

    [Fact]
    public async Task Another_estates_guard_cannot_register_check_or_read_special_access_here_and_nothing_changes()
    {
        var (estate, other) = (await gate.NewEstateAsync(), await gate.NewEstateAsync());
        var now = DateTimeOffset.UtcNow;
        var moving = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/special-vehicles",
            new { estateId = estate, plate = "沪B 77777", kind = "Moving", company = "Ants Moving", validFrom = now.AddHours(-1), validUntil = now.AddHours(4) }, Ct))
            .ReadAsync<SpecialVehicleResponse>(HttpStatusCode.Created);
        var approved = new RenovationPermitApproved(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Good Build",
            ["Liu Qiang"], Today.AddDays(-1), Today.AddDays(5));
        await gate.Bus.Publish(approved, Ct);
        await Eventually.Async(() => gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().RenovationSites
            .AnyAsync(s => s.PermitId == approved.PermitId && s.PlannedStart != null, Ct)), TimeSpan.FromSeconds(30), "the pass should reach the gate");

        var register = await gate.Guard(other).PostAsJsonAsync("/api/security-gate/special-vehicles",
            new { estateId = estate, plate = "沪C 88888", kind = "Delivery", company = "SF", validFrom = now, validUntil = now.AddHours(2) }, Ct);
        var checkPlate = await gate.Guard(other).GetAsync($"/api/security-gate/special-vehicles/check?estateId={estate}&plate={Uri.EscapeDataString("沪B77777")}", Ct);
        var checkWorker = await gate.Guard(other).GetAsync($"/api/security-gate/renovation-sites/{approved.PermitId}/check?worker=Liu%20Qiang", Ct);
        var vehicles = await gate.Guard(other).GetFromJsonAsync<Page<SpecialVehicleResponse>>($"/api/security-gate/special-vehicles?estateId={estate}", ApiJson.Options, Ct);
        var sites = await gate.Guard(other).GetFromJsonAsync<RenovationSiteResponse[]>($"/api/security-gate/renovation-sites?estateId={estate}", ApiJson.Options, Ct);

        register.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        checkPlate.StatusCode.Should().Be(HttpStatusCode.Forbidden, "another estate's guard is not told who may come in here");
        checkWorker.StatusCode.Should().Be(HttpStatusCode.NotFound);
        vehicles!.Items.Should().BeEmpty();
        sites.Should().BeEmpty();
        var ours = await gate.Guard(estate).GetFromJsonAsync<Page<SpecialVehicleResponse>>($"/api/security-gate/special-vehicles?estateId={estate}", ApiJson.Options, Ct);
        ours!.Items.Should().ContainSingle().Which.Id.Should().Be(moving.Id);
    }

    [Fact]
    public async Task A_bad_special_vehicle_names_every_field_and_stores_nothing()
    {
        var estate = await gate.NewEstateAsync();
        var now = DateTimeOffset.UtcNow;

        var bad = await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/special-vehicles",
            new { estateId = estate, plate = "?", kind = "Tank", unitId = Guid.Empty, validFrom = now, validUntil = now.AddDays(31) }, Ct);
        var missingWindow = await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/special-vehicles",
            new { estateId = estate, plate = "沪A11111", kind = "Delivery", company = "SF" }, Ct);

        (await bad.ErrorFieldsAsync()).Should().BeEquivalentTo("plate", "kind", "company", "unitId", "validUntil");
        (await missingWindow.ErrorFieldsAsync()).Should().BeEquivalentTo("validFrom", "validUntil");
        (await gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().SpecialVehicles.CountAsync(v => v.EstateId == estate, Ct))).Should().Be(0);
    }

    [Fact]
    public async Task Renovation_workers_hold_passes_for_the_planned_days_until_the_works_are_accepted()
    {
        var estate = await gate.NewEstateAsync();
        var unit = Guid.NewGuid();
        var approved = new RenovationPermitApproved(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), Guid.NewGuid(), unit, "Good Build",
            ["Liu Qiang", "Chen Gang"], Today.AddDays(-1), Today.AddDays(5));

        await gate.Bus.Publish(approved, Ct);
        await gate.Bus.Publish(approved, Ct);
        await Eventually.Async(() => gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().RenovationSites
            .AnyAsync(s => s.PermitId == approved.PermitId && s.PlannedStart != null, Ct)), TimeSpan.FromSeconds(30), "the pass should reach the gate");
        var worker = await CheckWorkerAsync(estate, approved.PermitId, "liu qiang");
        var stranger = await CheckWorkerAsync(estate, approved.PermitId, "Somebody Else");
        await gate.Bus.Publish(new RenovationAccepted(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), approved.PermitId, unit), Ct);
        await Eventually.Async(async () => !(await CheckWorkerAsync(estate, approved.PermitId, "Liu Qiang")).Allowed, TimeSpan.FromSeconds(30), "acceptance ends the passes");

        worker.Allowed.Should().BeTrue("a named worker within the planned days is let in");
        stranger.Allowed.Should().BeFalse();
        (await CheckWorkerAsync(estate, approved.PermitId, "Chen Gang")).Reason.Should().Contain("accepted");
        (await gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().RenovationSites.CountAsync(s => s.PermitId == approved.PermitId, Ct))).Should().Be(1);
    }

    [Fact]
    public async Task An_acceptance_that_overtakes_the_approval_still_ends_the_passes()
    {
        var estate = await gate.NewEstateAsync();
        var unit = Guid.NewGuid();
        var permitId = Guid.NewGuid();
        await gate.Bus.Publish(new RenovationAccepted(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), permitId, unit), Ct);
        await Eventually.Async(() => gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().RenovationSites.AnyAsync(s => s.PermitId == permitId, Ct)),
            TimeSpan.FromSeconds(30));

        await gate.Bus.Publish(new RenovationPermitApproved(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-5), estate, Guid.NewGuid(), permitId, unit, "Good Build",
            ["Liu Qiang"], Today, Today.AddDays(3)), Ct);
        await Eventually.Async(() => gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().RenovationSites.AnyAsync(s => s.PermitId == permitId && s.PlannedStart != null, Ct)),
            TimeSpan.FromSeconds(30));

        (await CheckWorkerAsync(estate, permitId, "Liu Qiang")).Allowed.Should().BeFalse();
    }
}
