using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Accounts;
using PropertyPlatform.Billing.Features.Adjustments;
using PropertyPlatform.Billing.Features.Arrears;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

/// <summary>Corrections, discounts and write-offs: new entries pointing at the item they lower, never edits of it.</summary>
public sealed class AdjustmentsTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A unit of a new estate owing one charge of <paramref name="amount"/> CNY, due <paramref name="daysAgo"/> estate-local days ago.</summary>
    private async Task<(Guid EstateId, Guid UnitId, Guid ItemId)> UnitOwingAsync(decimal amount = 100m, int daysAgo = 40)
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var charge = new ChargeRaised(
            Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(-daysAgo), estateId, Guid.NewGuid(), unitId, "paid-service", amount, "CNY", "maintenance", Guid.NewGuid(),
            "Repair of the kitchen tap");
        await billing.Bus.Publish(charge, Ct);
        await billing.HandledAsync("ChargeRaisedConsumer", charge.EventId);
        var account = await AccountAsync(estateId, unitId);
        return (estateId, unitId, account.OpenItems.Single(i => i.SourceId == charge.SourceId).Id);
    }

    private Task<AccountResponse> AccountAsync(Guid estateId, Guid unitId) =>
        billing.Cashier(estateId).GetFromJsonAsync<AccountResponse>($"/api/billing/units/{unitId}/account", ApiJson.Options, Ct)!;

    private static Task<HttpResponseMessage> AdjustAsync(HttpClient client, Guid itemId, object body) =>
        client.PostAsJsonAsync($"/api/billing/receivables/{itemId}/adjustments", body, Ct);

    private static async Task<AdjustmentResponse> AdjustOkAsync(HttpClient client, Guid itemId, string kind, decimal amount, string reason = "Billed for the wrong floor area")
    {
        var response = await AdjustAsync(client, itemId, new { kind, amount, reason });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<AdjustmentResponse>(ApiJson.Options, Ct))!;
    }

    private Task<int> AdjustmentsAsync(Guid estateId) => billing.QueryAsync(db => db.Adjustments.CountAsync(a => a.EstateId == estateId, Ct));

    private Task<ArrearsReportResponse> ArrearsAsync(Guid estateId, DateOnly? asOf = null) =>
        billing.Manager(estateId).GetFromJsonAsync<ArrearsReportResponse>(
            $"/api/billing/arrears?estateId={estateId}{(asOf is { } day ? $"&asOf={Billing.Day(day)}" : "")}", ApiJson.Options, Ct)!;

    [Fact]
    public async Task A_correction_of_a_bill_is_a_new_entry_pointing_at_the_item_and_its_bill_and_lowers_what_is_owed_without_editing_the_bill()
    {
        var estateId = await billing.NewEstateAsync();
        var period = BillingService.LastMonth;
        await billing.ApprovedRateAsync(estateId, "management-fee", 3m, period.AddYears(-1));
        var (unitId, _) = await billing.UnitAsync(estateId, 90m, period.AddYears(-1));
        await billing.RunAsync(estateId, period);
        var item = (await AccountAsync(estateId, unitId)).OpenItems.Single();

        var correction = await AdjustOkAsync(billing.Manager(estateId), item.Id, "correction", 70m, "Floor area is 66.67 m², not 90");

        (correction.ReceivableId, correction.BillId, correction.Kind, correction.Amount, correction.Outstanding).Should().Be((item.Id, item.SourceId, "correction", 70m, 200m));
        var account = await AccountAsync(estateId, unitId);
        account.Balance.Should().Be(200m);
        (account.OpenItems.Single().Amount, account.OpenItems.Single().Outstanding).Should().Be((270m, 200m), "the item keeps its amount; what is owed is computed");
        (await billing.QueryAsync(db => db.Bills.SingleAsync(b => b.Id == item.SourceId, Ct))).Total.Should().Be(270m, "the bill is never edited");
        (await billing.QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.EntityType == nameof(Adjustment) && a.EntityId == correction.Id.ToString() && a.Action == AuditAction.Created, Ct)))
            .Should().BeTrue("an adjustment is on the audit trail");
        var published = await billing.PublishedAsync<ReceivableAdjusted>(e => e.AdjustmentId == correction.Id);
        (published.BillId, published.Kind, published.Amount, published.Outstanding).Should().Be((item.SourceId, "correction", 70m, 200m));
        var listed = (await billing.Cashier(estateId).GetFromJsonAsync<ServiceDefaults.Http.Page<AdjustmentResponse>>($"/api/billing/adjustments?unitId={unitId}", ApiJson.Options, Ct))!;
        listed.Items.Should().ContainSingle().Which.Reason.Should().Be("Floor area is 66.67 m², not 90");
    }

    [Fact]
    public async Task After_a_discount_a_payment_settles_only_what_is_left_and_the_rest_is_credit()
    {
        var (estateId, unitId, itemId) = await UnitOwingAsync(100m);
        await AdjustOkAsync(billing.Manager(estateId), itemId, "discount", 30m, "Goodwill after the lift outage");

        var paid = await PayAsync(estateId, unitId, 80m);

        paid.Allocations.Should().ContainSingle().Which.Amount.Should().Be(70m);
        paid.Unallocated.Should().Be(10m);
        (await AccountAsync(estateId, unitId)).OpenItems.Should().BeEmpty();
        (await ArrearsAsync(estateId)).Total.Should().Be(0m);
    }

    private async Task<PaymentResponse> PayAsync(Guid estateId, Guid unitId, decimal amount)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter") { Content = JsonContent.Create(new { unitId, amount, method = "cash" }) };
        request.Headers.Add(PaymentsApi.IdempotencyHeader, $"test-{Guid.NewGuid():N}");
        var response = await billing.Cashier(estateId).SendAsync(request, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct))!;
    }

    [Fact]
    public async Task A_write_off_takes_the_arrear_out_of_arrears_and_ends_its_dunning_without_editing_the_item()
    {
        var (estateId, unitId, itemId) = await UnitOwingAsync(100m, daysAgo: 40);
        var manager = billing.Manager(estateId);
        var reminded = await manager.PostAsJsonAsync($"/api/billing/units/{unitId}/arrears/dunning", new { step = "reminder", channel = "sms" }, Ct);
        reminded.StatusCode.Should().Be(HttpStatusCode.OK, await reminded.Content.ReadAsStringAsync(Ct));
        (await ArrearsAsync(estateId)).Total.Should().Be(100m);

        await AdjustOkAsync(manager, itemId, "write-off", 100m, "Owner deceased, estate insolvent");

        var arrears = await ArrearsAsync(estateId);
        (arrears.Total, arrears.Units.Length).Should().Be((0m, 0));
        (await billing.Cashier(estateId).GetFromJsonAsync<ArrearsCaseResponse>($"/api/billing/units/{unitId}/arrears", ApiJson.Options, Ct))!
            .ClosedAt.Should().NotBeNull("nothing is overdue any more");
        (await manager.PostAsJsonAsync($"/api/billing/units/{unitId}/arrears/dunning", new { step = "reminder", channel = "sms" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "there is nothing left to dun");
        (await billing.QueryAsync(db => db.Receivables.SingleAsync(r => r.Id == itemId, Ct))).Amount.Should().Be(100m, "the written-off item stays as it was billed");
    }

    [Theory]
    [InlineData("correction")]
    [InlineData("discount")]
    [InlineData("write-off")]
    public async Task Only_the_estate_manager_adjusts_what_is_owed_not_the_cashier(string kind)
    {
        var (estateId, _, itemId) = await UnitOwingAsync();

        (await AdjustAsync(billing.Cashier(estateId), itemId, new { kind, amount = 10m, reason = "Asked at the counter" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await AdjustmentsAsync(estateId)).Should().Be(0);
    }

    [Theory]
    [InlineData(-10)]
    [InlineData(10.005)]
    [InlineData(0)]
    [InlineData(100.01)]
    public async Task A_negative_zero_over_precise_or_more_than_outstanding_amount_is_refused_naming_the_field_and_nothing_is_stored(decimal amount)
    {
        var (estateId, _, itemId) = await UnitOwingAsync(100m);

        var response = await AdjustAsync(billing.Manager(estateId), itemId, new { kind = "discount", amount, reason = "Goodwill" });

        (await response.ErrorFieldsAsync()).Should().Equal("amount");
        (await AdjustmentsAsync(estateId)).Should().Be(0);
    }

    [Fact]
    public async Task An_adjustment_beyond_what_is_left_after_an_earlier_one_is_refused()
    {
        var (estateId, _, itemId) = await UnitOwingAsync(100m);
        await AdjustOkAsync(billing.Manager(estateId), itemId, "correction", 60m);

        (await (await AdjustAsync(billing.Manager(estateId), itemId, new { kind = "discount", amount = 50m, reason = "Goodwill" })).ErrorFieldsAsync())
            .Should().Equal("amount");
        (await AdjustOkAsync(billing.Manager(estateId), itemId, "discount", 40m)).Outstanding.Should().Be(0m);
    }

    [Fact]
    public async Task An_unknown_kind_and_a_missing_reason_are_both_named()
    {
        var (estateId, _, itemId) = await UnitOwingAsync();

        var response = await AdjustAsync(billing.Manager(estateId), itemId, new { kind = "refund", amount = 10m });

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo("kind", "reason");
        (await AdjustmentsAsync(estateId)).Should().Be(0);
    }

    [Fact]
    public async Task Another_estates_manager_cannot_adjust_an_item_and_gets_404()
    {
        var (estateId, _, itemId) = await UnitOwingAsync();
        var stranger = billing.Manager(await billing.NewEstateAsync());

        (await AdjustAsync(stranger, itemId, new { kind = "write-off", amount = 10m, reason = "Not mine" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await AdjustmentsAsync(estateId)).Should().Be(0);
    }
}
