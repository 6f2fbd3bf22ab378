using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Features.Accounts;
using PropertyPlatform.Billing.Features.Arrears;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

/// <summary>What a payment leaves over is credit on the unit's account: shown, set against arrears, and applied on demand.</summary>
public sealed class CreditTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid[]> ChargeAsync(Guid estateId, Guid unitId, params (int DueDaysAgo, decimal Amount)[] charges)
    {
        var raised = charges.Select(c => new ChargeRaised(
            Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(-c.DueDaysAgo), estateId, Guid.NewGuid(), unitId, "paid-service", c.Amount, "CNY", "maintenance",
            Guid.NewGuid(), $"Repair due {c.DueDaysAgo} days ago")).ToList();
        foreach (var charge in raised)
        {
            await billing.Bus.Publish(charge, Ct);
        }

        await billing.HandledAsync("ChargeRaisedConsumer", [.. raised.Select(c => c.EventId)]);
        var account = await AccountAsync(estateId, unitId);
        return [.. raised.Select(c => account.OpenItems.Single(i => i.SourceId == c.SourceId).Id)];
    }

    /// <summary>A unit of a new estate whose owner paid <paramref name="ahead"/> CNY at the counter while owing nothing.</summary>
    private async Task<(Guid EstateId, Guid UnitId, PaymentResponse Payment)> PaidAheadAsync(decimal ahead)
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter") { Content = JsonContent.Create(new { unitId, amount = ahead, method = "cash" }) };
        request.Headers.Add(PaymentsApi.IdempotencyHeader, Guid.NewGuid().ToString());
        var response = await billing.Cashier(estateId).SendAsync(request, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (estateId, unitId, (await response.Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct))!);
    }

    private Task<AccountResponse> AccountAsync(Guid estateId, Guid unitId) =>
        billing.Cashier(estateId).GetFromJsonAsync<AccountResponse>($"/api/billing/units/{unitId}/account", ApiJson.Options, Ct)!;

    private Task<ArrearsReportResponse> ArrearsAsync(Guid estateId) =>
        billing.Manager(estateId).GetFromJsonAsync<ArrearsReportResponse>($"/api/billing/arrears?estateId={estateId}", ApiJson.Options, Ct)!;

    [Fact]
    public async Task An_owner_who_paid_ahead_is_not_in_arrears_and_is_not_dunned()
    {
        var (estateId, unitId, _) = await PaidAheadAsync(300m);
        await ChargeAsync(estateId, unitId, (40, 100m), (10, 50m));

        var account = await AccountAsync(estateId, unitId);
        (account.Balance, account.Credit).Should().Be((150m, 300m), "the account shows both what is open and the credit");
        var arrears = await ArrearsAsync(estateId);
        (arrears.Total, arrears.Units.Length).Should().Be((0m, 0));
        var reminder = await billing.Manager(estateId).PostAsJsonAsync($"/api/billing/units/{unitId}/arrears/dunning", new { step = "reminder", channel = "sms" }, Ct);
        reminder.StatusCode.Should().Be(HttpStatusCode.Conflict, "the credit covers everything overdue");
        (await billing.Manager(estateId).GetFromJsonAsync<EarlyWarningListResponse>($"/api/billing/arrears/early-warning?estateId={estateId}", ApiJson.Options, Ct))!
            .Units.Should().BeEmpty();
    }

    [Fact]
    public async Task Credit_that_covers_part_of_the_arrears_is_set_against_the_oldest_items()
    {
        var (estateId, unitId, _) = await PaidAheadAsync(120m);
        await ChargeAsync(estateId, unitId, (200, 100m), (40, 100m));

        var arrears = await ArrearsAsync(estateId);

        arrears.Total.Should().Be(80m);
        arrears.Buckets.Select(b => (b.Bucket, b.Amount)).Should().Equal(("0-30", 0m), ("31-90", 80m), ("91-180", 0m), (">180", 0m));
        arrears.Units.Should().ContainSingle().Which.UnitId.Should().Be(unitId);
    }

    [Fact]
    public async Task Applying_credit_settles_the_oldest_open_items_with_new_allocations_of_the_payment()
    {
        var (estateId, unitId, payment) = await PaidAheadAsync(150m);
        var items = await ChargeAsync(estateId, unitId, (40, 100m), (10, 100m));

        var applied = await billing.Cashier(estateId).PostAsync($"/api/billing/units/{unitId}/account/apply-credit", null, Ct);

        applied.StatusCode.Should().Be(HttpStatusCode.OK, await applied.Content.ReadAsStringAsync(Ct));
        var account = (await applied.Content.ReadFromJsonAsync<AccountResponse>(ApiJson.Options, Ct))!;
        (account.Balance, account.Credit).Should().Be((50m, 0m));
        account.OpenItems.Should().ContainSingle().Which.Id.Should().Be(items[1], "the oldest item is settled first");
        (await billing.QueryAsync(db => db.Allocations.Where(a => a.PaymentId == payment.Id).OrderBy(a => a.Amount).Select(a => a.Amount).ToListAsync(Ct)))
            .Should().Equal(50m, 100m);
        (await billing.Cashier(estateId).PostAsync($"/api/billing/units/{unitId}/account/apply-credit", null, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await AccountAsync(estateId, unitId)).Balance.Should().Be(50m, "applying again finds no credit left");
        (await billing.Cashier(await billing.NewEstateAsync()).PostAsync($"/api/billing/units/{unitId}/account/apply-credit", null, Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
