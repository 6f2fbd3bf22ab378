using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Features.Rates;
using PropertyPlatform.Billing.Features.Runs;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Billing.Tests;

/// <summary>The steps most tests start from: reception's events on the broker, and the API as the estate's staff would use it.</summary>
public static class Billing
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static HttpClient Cashier(this BillingService billing, params Guid[] estates) => billing.CreateClient(TestCaller.Staff(PlatformRoles.Cashier, estates));

    public static HttpClient Manager(this BillingService billing, params Guid[] estates) => billing.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, estates));

    public static HttpClient Admin(this BillingService billing) => billing.CreateClient(TestCaller.GroupAdmin());

    /// <summary>
    /// A unit as reception announces it, through the broker: registered with <paramref name="floorArea"/>, owned by a new
    /// owner, and lived in from <paramref name="movedInOn"/> (if given). Returns once billing has all of it.
    /// </summary>
    public static async Task<(Guid UnitId, Guid OwnerId)> UnitAsync(this BillingService billing, Guid estateId, decimal floorArea, DateOnly? movedInOn)
    {
        var (unitId, ownerId, now) = (Guid.CreateVersion7(), Guid.NewGuid(), DateTimeOffset.UtcNow);
        await billing.Bus.Publish(new UnitRegistered(Guid.NewGuid(), now, estateId, Guid.NewGuid(), unitId, Guid.NewGuid(), $"1-{unitId.ToString()[^4..]}", floorArea, "residential", "active"), Ct);
        await billing.Bus.Publish(new OwnerRegistered(Guid.NewGuid(), now, estateId, Guid.NewGuid(), ownerId, "Li Na", "13800000000", [unitId]), Ct);
        if (movedInOn is { } day)
        {
            await billing.MoveInAsync(estateId, unitId, day);
        }

        await Eventually.Async(
            () => billing.QueryAsync(db => db.Units.AnyAsync(u => u.UnitId == unitId && u.FloorArea != null && u.OwnerId == ownerId && (movedInOn == null || u.Stays.Any()), Ct)),
            TimeSpan.FromSeconds(30), "billing should have the unit from reception's events");
        return (unitId, ownerId);
    }

    public static async Task<Guid> MoveInAsync(this BillingService billing, Guid estateId, Guid unitId, DateOnly on, Guid? residentId = null)
    {
        var resident = residentId ?? Guid.NewGuid();
        await billing.Bus.Publish(new ResidentMovedIn(
            Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), unitId, resident, Guid.NewGuid(), "Owner", on, new MeterReadings(10m, 100m, null)), Ct);
        return resident;
    }

    /// <summary>Waits until <paramref name="consumer"/> has handled every one of <paramref name="eventIds"/> (its inbox holds them).</summary>
    public static Task HandledAsync(this BillingService billing, string consumer, params Guid[] eventIds) =>
        Eventually.Async(
            async () => await billing.QueryAsync(db => db.InboxMessages.CountAsync(m => m.Consumer == consumer && eventIds.Contains(m.MessageId), Ct)) == eventIds.Length,
            TimeSpan.FromSeconds(30), $"{consumer} should handle the events");

    /// <summary>A rate proposed by the estate manager and approved by the group.</summary>
    public static async Task<RateResponse> ApprovedRateAsync(this BillingService billing, Guid estateId, string feeItem, decimal amount, DateOnly effectiveFrom)
    {
        var proposed = await billing.Manager(estateId).PostAsJsonAsync("/api/billing/rates", new { estateId, feeItem, amount, effectiveFrom = Day(effectiveFrom) }, Ct);
        proposed.StatusCode.Should().Be(HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync(Ct));
        var rate = (await proposed.Content.ReadFromJsonAsync<RateResponse>(ApiJson.Options, Ct))!;
        var approved = await billing.Admin().PostAsync($"/api/billing/rates/{rate.Id}/approve", null, Ct);
        approved.StatusCode.Should().Be(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync(Ct));
        return (await approved.Content.ReadFromJsonAsync<RateResponse>(ApiJson.Options, Ct))!;
    }

    public static Task<HttpResponseMessage> StartRunAsync(this BillingService billing, Guid estateId, DateOnly period, string feeItem = "management-fee") =>
        billing.StartRunAsync(estateId, Month(period), feeItem);

    /// <summary>Asks for the run of <paramref name="period"/> as written: <c>2026-11</c>, <c>2026-Q4</c> or <c>2026</c>.</summary>
    public static Task<HttpResponseMessage> StartRunAsync(this BillingService billing, Guid estateId, string period, string feeItem = "management-fee") =>
        billing.Manager(estateId).PostAsJsonAsync("/api/billing/runs", new { estateId, period, feeItem }, Ct);

    /// <summary>Posts the run and waits until the worker has finished it (posted or failed).</summary>
    public static Task<BillingRunResponse> RunAsync(this BillingService billing, Guid estateId, DateOnly period, string feeItem = "management-fee") =>
        billing.RunAsync(estateId, Month(period), feeItem);

    /// <summary>Posts the run of <paramref name="period"/> as written and waits until the worker has finished it (posted or failed).</summary>
    public static async Task<BillingRunResponse> RunAsync(this BillingService billing, Guid estateId, string period, string feeItem = "management-fee")
    {
        var started = await billing.StartRunAsync(estateId, period, feeItem);
        started.StatusCode.Should().BeOneOf([HttpStatusCode.Accepted, HttpStatusCode.OK], await started.Content.ReadAsStringAsync(Ct));
        var run = (await started.Content.ReadFromJsonAsync<BillingRunResponse>(ApiJson.Options, Ct))!;
        return await billing.FinishedRunAsync(estateId, run.Id);
    }

    public static async Task<BillingRunResponse> FinishedRunAsync(this BillingService billing, Guid estateId, Guid runId)
    {
        BillingRunResponse? run = null;
        await Eventually.Async(async () =>
        {
            run = await billing.Manager(estateId).GetFromJsonAsync<BillingRunResponse>($"/api/billing/runs/{runId}", ApiJson.Options, Ct);
            return run!.Status != "Running";
        }, TimeSpan.FromSeconds(60), "the billing run should finish");
        return run!;
    }

    /// <summary>The estate manager sets how often the estate bills <paramref name="feeItem"/>: monthly, quarterly or yearly.</summary>
    public static async Task SetFrequencyAsync(this BillingService billing, Guid estateId, string frequency, string feeItem = "management-fee")
    {
        var response = await billing.Manager(estateId).PutAsJsonAsync($"/api/billing/estates/{estateId}/fee-items/{feeItem}/frequency", new { frequency }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The problem details' <c>errors</c> field names, for 400 answers.</summary>
    public static async Task<string[]> ErrorFieldsAsync(this HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(Ct));
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }
}
