using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Features.Accounts;
using PropertyPlatform.Billing.Features.Arrears;
using PropertyPlatform.Billing.Features.CashierDays;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

/// <summary>Reversals and refunds of payments: new entries pointing at the payment; receipts keep their numbers.</summary>
public sealed class PaymentCorrectionsTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Today => Billing.Day(BillingService.LocalToday);

    /// <summary>A unit of <paramref name="estateId"/> owing one charge of <paramref name="amount"/> CNY, due 40 days ago.</summary>
    private async Task<Guid> UnitOwingAsync(Guid estateId, decimal amount = 100m)
    {
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var charge = new ChargeRaised(
            Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(-40), estateId, Guid.NewGuid(), unitId, "paid-service", amount, "CNY", "maintenance", Guid.NewGuid(),
            "Repair of the door lock");
        await billing.Bus.Publish(charge, Ct);
        await billing.HandledAsync("ChargeRaisedConsumer", charge.EventId);
        return unitId;
    }

    private static async Task<PaymentResponse> PayAsync(HttpClient cashier, Guid unitId, decimal amount, string method = "cash")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter") { Content = JsonContent.Create(new { unitId, amount, method }) };
        request.Headers.Add(PaymentsApi.IdempotencyHeader, Guid.NewGuid().ToString());
        var response = await cashier.SendAsync(request, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct))!;
    }

    private static Task<HttpResponseMessage> ReverseAsync(HttpClient client, Guid paymentId, string? reason = "Taken for the wrong unit") =>
        client.PostAsJsonAsync($"/api/billing/payments/{paymentId}/reversal", new { reason }, Ct);

    private static async Task<PaymentResponse> ReverseOkAsync(HttpClient client, Guid paymentId)
    {
        var response = await ReverseAsync(client, paymentId);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct))!;
    }

    private static Task<HttpResponseMessage> RefundAsync(
        HttpClient client, Guid paymentId, decimal amount, string method = "cash", string? reason = "Paid back at the counter", string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/billing/payments/{paymentId}/refunds") { Content = JsonContent.Create(new { amount, method, reason }) };
        request.Headers.Add(PaymentsApi.IdempotencyHeader, key ?? Guid.NewGuid().ToString());
        return client.SendAsync(request, Ct);
    }

    private Task<AccountResponse> AccountAsync(Guid estateId, Guid unitId) =>
        billing.Cashier(estateId).GetFromJsonAsync<AccountResponse>($"/api/billing/units/{unitId}/account", ApiJson.Options, Ct)!;

    private async Task<CashierDayResponse> DayOfAsync(Guid estateId, string cashier) =>
        (await billing.Manager(estateId).GetFromJsonAsync<CashierDaysResponse>($"/api/billing/cashier-days?estateId={estateId}&day={Today}", ApiJson.Options, Ct))!
        .Cashiers.Single(c => c.Cashier == cashier);

    private Task<int> RefundsAsync(Guid estateId) => billing.QueryAsync(db => db.Refunds.CountAsync(f => f.EstateId == estateId, Ct));

    [Fact]
    public async Task Reversing_a_payment_reopens_the_items_it_paid_and_keeps_its_receipt_number_marked_reversed()
    {
        var estateId = await billing.NewEstateAsync();
        var unitId = await UnitOwingAsync(estateId);
        var cashier = billing.Cashier(estateId);
        var paid = await PayAsync(cashier, unitId, 100m);
        (await AccountAsync(estateId, unitId)).Balance.Should().Be(0m);

        var reversed = await ReverseOkAsync(billing.Manager(estateId), paid.Id);

        (reversed.ReceiptNumber, reversed.ReversalReason).Should().Be((paid.ReceiptNumber, "Taken for the wrong unit"));
        reversed.ReversedAt.Should().NotBeNull();
        var account = await AccountAsync(estateId, unitId);
        (account.Balance, account.Credit).Should().Be((100m, 0m), "the item is owed again and the reversed money is not the unit's credit");
        (await billing.Manager(estateId).GetFromJsonAsync<ArrearsReportResponse>($"/api/billing/arrears?estateId={estateId}", ApiJson.Options, Ct))!
            .Total.Should().Be(100m);
        (await cashier.GetFromJsonAsync<PaymentResponse>($"/api/billing/payments/{paid.Id}", ApiJson.Options, Ct))!.ReversedAt.Should().NotBeNull();
        (await billing.QueryAsync(db => db.Allocations.CountAsync(a => a.PaymentId == paid.Id, Ct))).Should().Be(1, "nothing is deleted");
        var next = await PayAsync(cashier, unitId, 100m);
        next.ReceiptNumber.Should().EndWith("-000002", "the reversed receipt keeps number 1: no gap, no reuse");
        (await billing.PublishedAsync<PaymentReversed>(e => e.PaymentId == paid.Id)).ReceiptNumber.Should().Be(paid.ReceiptNumber);
    }

    [Fact]
    public async Task Only_the_estate_manager_reverses_a_payment_and_only_once()
    {
        var estateId = await billing.NewEstateAsync();
        var unitId = await UnitOwingAsync(estateId);
        var paid = await PayAsync(billing.Cashier(estateId), unitId, 100m);

        (await ReverseAsync(billing.Cashier(estateId), paid.Id)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ReverseAsync(billing.Manager(await billing.NewEstateAsync()), paid.Id)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await ReverseAsync(billing.Manager(estateId), paid.Id, reason: " ")).ErrorFieldsAsync()).Should().Equal("reason");
        await ReverseOkAsync(billing.Manager(estateId), paid.Id);
        (await ReverseAsync(billing.Manager(estateId), paid.Id)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await billing.QueryAsync(db => db.PaymentReversals.CountAsync(v => v.PaymentId == paid.Id, Ct))).Should().Be(1);
    }

    [Fact]
    public async Task A_cash_payment_reversed_and_refunded_the_same_day_leaves_nothing_to_deposit_in_the_cashiers_reconciliation()
    {
        var estateId = await billing.NewEstateAsync();
        var wrongUnit = await UnitOwingAsync(estateId);
        var rightUnit = await UnitOwingAsync(estateId);
        var cashierId = TestSupport.Auth.TestCaller.Staff(ServiceDefaults.Security.PlatformRoles.Cashier, estateId);
        var cashier = billing.CreateClient(cashierId);
        var mistaken = await PayAsync(cashier, wrongUnit, 100m);
        await ReverseOkAsync(billing.Manager(estateId), mistaken.Id);

        var afterReversal = await DayOfAsync(estateId, mistaken.ReceivedBy);
        (afterReversal.Cash, afterReversal.ReversedReceiptNumbers.Single()).Should().Be((100m, mistaken.ReceiptNumber), "a reversal moves no money: the cash is still in the drawer");

        var refunded = await RefundAsync(cashier, mistaken.Id, 100m);
        refunded.StatusCode.Should().Be(HttpStatusCode.Created, await refunded.Content.ReadAsStringAsync(Ct));
        await PayAsync(cashier, rightUnit, 100m);

        var day = await DayOfAsync(estateId, mistaken.ReceivedBy);
        (day.Payments, day.Cash, day.CashRefunded, day.CashNotDeposited).Should().Be((2, 100m, 100m, 100m), "100 came in twice and 100 went back out");
        var deposit = await cashier.PostAsJsonAsync("/api/billing/cashier-days/deposits", new { estateId, day = Today, amount = 100m, bankSlipRef = $"slip-{Guid.NewGuid():N}"[..20] }, Ct);
        deposit.StatusCode.Should().Be(HttpStatusCode.OK, await deposit.Content.ReadAsStringAsync(Ct));
        var handover = await cashier.PostAsJsonAsync("/api/billing/cashier-days/handover", new { estateId, day = Today }, Ct);
        handover.StatusCode.Should().Be(HttpStatusCode.OK, "the deposit matches the cash left after the refund: nothing to explain");
        (await handover.Content.ReadFromJsonAsync<CashierDayResponse>(ApiJson.Options, Ct))!.DepositMet.Should().BeTrue();
        (await billing.PublishedAsync<PaymentRefunded>(e => e.PaymentId == mistaken.Id)).Method.Should().Be("cash");
    }

    [Fact]
    public async Task A_payments_credit_is_refunded_by_the_estate_manager_only_and_never_beyond_the_credit()
    {
        var estateId = await billing.NewEstateAsync();
        var unitId = await UnitOwingAsync(estateId);
        var paid = await PayAsync(billing.Cashier(estateId), unitId, 150m);
        (await AccountAsync(estateId, unitId)).Credit.Should().Be(50m);

        (await RefundAsync(billing.Cashier(estateId), paid.Id, 10m)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the payment is not reversed: its credit is the manager's to pay back");
        (await (await RefundAsync(billing.Manager(estateId), paid.Id, 50.01m)).ErrorFieldsAsync()).Should().Equal("amount");
        var refunded = await RefundAsync(billing.Manager(estateId), paid.Id, 50m, method: "card");

        refunded.StatusCode.Should().Be(HttpStatusCode.Created, await refunded.Content.ReadAsStringAsync(Ct));
        (await refunded.Content.ReadFromJsonAsync<RefundResponse>(ApiJson.Options, Ct))!.StillRefundable.Should().Be(0m);
        (await AccountAsync(estateId, unitId)).Credit.Should().Be(0m);
        (await RefundsAsync(estateId)).Should().Be(1);
    }

    [Fact]
    public async Task A_refund_retried_with_its_idempotency_key_pays_back_once_and_the_key_with_another_amount_is_a_409()
    {
        var estateId = await billing.NewEstateAsync();
        var unitId = await UnitOwingAsync(estateId);
        var paid = await PayAsync(billing.Cashier(estateId), unitId, 100m);
        await ReverseOkAsync(billing.Manager(estateId), paid.Id);
        var cashier = billing.Cashier(estateId);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RefundAsync(cashier, paid.Id, 40m, key: key)));

        responses.Select(r => r.StatusCode).Should().OnlyContain(c => c == HttpStatusCode.Created || c == HttpStatusCode.OK);
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1);
        (await RefundsAsync(estateId)).Should().Be(1);
        (await RefundAsync(cashier, paid.Id, 50m, key: key)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var withoutKey = await cashier.PostAsJsonAsync($"/api/billing/payments/{paid.Id}/refunds", new { amount = 10m, method = "cash", reason = "No key" }, Ct);
        (await withoutKey.ErrorFieldsAsync()).Should().Equal(PaymentsApi.IdempotencyHeader);
        (await RefundsAsync(estateId)).Should().Be(1);
    }

    [Theory]
    [InlineData(-10, "cash")]
    [InlineData(10.005, "cash")]
    [InlineData(0, "cash")]
    [InlineData(100.01, "cash")]
    [InlineData(10, "cheque")]
    public async Task A_refund_with_a_bad_amount_or_channel_is_refused_naming_the_field_and_nothing_is_stored(decimal amount, string method)
    {
        var estateId = await billing.NewEstateAsync();
        var unitId = await UnitOwingAsync(estateId);
        var paid = await PayAsync(billing.Cashier(estateId), unitId, 100m);
        await ReverseOkAsync(billing.Manager(estateId), paid.Id);

        var response = await RefundAsync(billing.Manager(estateId), paid.Id, amount, method);

        (await response.ErrorFieldsAsync()).Should().Equal(method == "cheque" ? "method" : "amount");
        (await RefundsAsync(estateId)).Should().Be(0);
    }
}
