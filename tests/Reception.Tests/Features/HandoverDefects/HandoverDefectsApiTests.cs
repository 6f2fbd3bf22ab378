using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.HandoverDefects;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.HandoverDefects;

public sealed class HandoverDefectsApiTests(ReceptionService reception)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DefectResponse> ReadAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<DefectResponse>(ApiJson.Options, Ct))!;
    }

    private static async Task<DefectResponse> WaitForRepairAsync(HttpClient clerk, Guid defectId, RequestStatus status)
    {
        DefectResponse? defect = null;
        await Eventually.Async(async () => (defect = await clerk.GetFromJsonAsync<DefectResponse>($"/api/reception/handover-defects/{defectId}", ApiJson.Options, Ct))!
            .RepairStatus == status, Soon, $"the repair becomes {status}");
        return defect!;
    }

    private Task CompleteWorkAsync(Guid estateId, Guid workOrderId, Guid requestId) => reception.Bus.Publish(new WorkOrderCompleted(
        Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), workOrderId, requestId, null, Guid.NewGuid(), "Wang", "civil", false, null, null), Ct);

    [Fact]
    public async Task A_defect_left_at_handover_becomes_a_repair_and_closes_only_when_the_fix_passes_the_check_on_site()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var workOrderId = Guid.NewGuid();

        var defect = await ReadAsync(await clerk.PostAsJsonAsync($"/api/reception/units/{units[0]}/handover-defects",
            new { location = "Master bedroom", description = "Crack in the plaster above the window" }, Ct), HttpStatusCode.Created);
        var tooEarly = await clerk.PostAsJsonAsync($"/api/reception/handover-defects/{defect.Id}/check", new { passed = true }, Ct);
        await reception.Bus.Publish(new WorkOrderCreated(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), workOrderId, defect.RequestId, "Normal"), Ct);
        await CompleteWorkAsync(estateId, workOrderId, defect.RequestId);
        await WaitForRepairAsync(clerk, defect.Id, RequestStatus.Completed);
        var failed = await ReadAsync(await clerk.PostAsJsonAsync($"/api/reception/handover-defects/{defect.Id}/check",
            new { passed = false, note = "Crack still visible" }, Ct));
        await CompleteWorkAsync(estateId, workOrderId, defect.RequestId);
        await WaitForRepairAsync(clerk, defect.Id, RequestStatus.Completed);
        var passed = await ReadAsync(await clerk.PostAsJsonAsync($"/api/reception/handover-defects/{defect.Id}/check", new { passed = true }, Ct));
        var again = await clerk.PostAsJsonAsync($"/api/reception/handover-defects/{defect.Id}/check", new { passed = true }, Ct);

        defect.Status.Should().Be(HandoverDefectStatus.Open);
        (await reception.OutboxAsync<RepairRequested>()).Should().ContainSingle(e => e.RequestId == defect.RequestId)
            .Which.Description.Should().Contain("Master bedroom").And.Contain("Crack in the plaster");
        tooEarly.StatusCode.Should().Be(HttpStatusCode.Conflict, "the fix is checked once the work is done");
        failed.Should().Match<DefectResponse>(d => d.Status == HandoverDefectStatus.Open && d.FailedChecks == 1 && d.RepairStatus == RequestStatus.Reopened);
        (await reception.OutboxAsync<RequestReopened>()).Should().ContainSingle(e => e.RequestId == defect.RequestId)
            .Which.Should().Match<RequestReopened>(e => e.WorkOrderId == workOrderId && e.Reason.Contains("Crack still visible"));
        passed.Should().Match<DefectResponse>(d => d.Status == HandoverDefectStatus.Verified && d.VerifiedAt != null);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_each_field_another_estate_sees_nothing_and_owners_see_their_own_units()
    {
        var (estateId, units) = await reception.NewEstateAsync(units: 2);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        await ReadAsync(await clerk.PostAsJsonAsync($"/api/reception/units/{units[0]}/handover-defects", new { location = "Kitchen", description = "Tap loose" }, Ct),
            HttpStatusCode.Created);
        await ReadAsync(await clerk.PostAsJsonAsync($"/api/reception/units/{units[1]}/handover-defects", new { location = "Hall", description = "Door sticks" }, Ct),
            HttpStatusCode.Created);

        var bad = await clerk.PostAsJsonAsync($"/api/reception/units/{units[0]}/handover-defects", new { location = "", description = "x", urgency = "emergency" }, Ct);
        var otherEstate = await reception.CreateClient(TestCaller.Clerk(Guid.NewGuid()))
            .PostAsJsonAsync($"/api/reception/units/{units[0]}/handover-defects", new { location = "Kitchen", description = "Tap loose" }, Ct);
        var ownersList = (await reception.CreateClient(TestCaller.Owner(estateId, units[0]))
            .GetFromJsonAsync<Page<DefectResponse>>($"/api/reception/handover-defects?estateId={estateId}", ApiJson.Options, Ct))!;
        var openList = (await clerk.GetFromJsonAsync<Page<DefectResponse>>($"/api/reception/handover-defects?estateId={estateId}&open=true", ApiJson.Options, Ct))!;

        (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo(["location", "description", "urgency"]);
        otherEstate.StatusCode.Should().Be(HttpStatusCode.NotFound);
        ownersList.Items.Should().ContainSingle().Which.Location.Should().Be("Kitchen");
        openList.Items.Should().HaveCount(2);
        (await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().HandoverDefects.CountAsync(d => d.EstateId == estateId, Ct))).Should().Be(2);
    }
}
