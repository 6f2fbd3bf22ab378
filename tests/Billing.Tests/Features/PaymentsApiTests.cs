using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Features.Accounts;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

public sealed class PaymentsApiTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A unit with two charges: 100.00 raised three days ago (the oldest) and 50.00 raised today.</summary>
    private async Task<(Guid EstateId, Guid UnitId, Guid OwnerId, Guid Older, Guid Newer)> UnitOwingAsync()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, ownerId) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var older = new ChargeRaised(Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(-3), estateId, Guid.NewGuid(), unitId, "paid-service", 100m, "CNY", "maintenance", Guid.NewGuid(), "Pipe");
        var newer = new ChargeRaised(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), unitId, "parking", 50m, "CNY", "security-gate", Guid.NewGuid(), "Overstay");
        await billing.Bus.Publish(older, Ct);
        await billing.Bus.Publish(newer, Ct);
        await billing.HandledAsync("ChargeRaisedConsumer", older.EventId, newer.EventId);
        var account = (await billing.Cashier(estateId).GetFromJsonAsync<AccountResponse>($"/api/billing/units/{unitId}/account", ApiJson.Options, Ct))!;
        return (estateId, unitId, ownerId, account.OpenItems.Single(i => i.SourceId == older.SourceId).Id, account.OpenItems.Single(i => i.SourceId == newer.SourceId).Id);
    }

    private static Task<HttpResponseMessage> PayAsync(HttpClient cashier, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter") { Content = JsonContent.Create(body) };
        request.Headers.Add(PaymentsApi.IdempotencyHeader, key);
        return cashier.SendAsync(request, Ct);
    }

    private static string NewKey() => Guid.NewGuid().ToString();

    private Task<int> PaymentsAsync(Guid estateId) => billing.QueryAsync(db => db.Payments.CountAsync(p => p.EstateId == estateId, Ct));

    [Fact]
    public async Task A_counter_payment_settles_the_oldest_item_first_issues_a_receipt_and_is_announced_on_the_broker()
    {
        var (estateId, unitId, ownerId, older, newer) = await UnitOwingAsync();

        var response = await PayAsync(billing.Cashier(estateId), NewKey(), new { unitId, amount = 120m, method = "cash" });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var payment = (await response.Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct))!;
        payment.Allocations.Should().Equal(new AllocationResponse(older, 100m), new AllocationResponse(newer, 20m));
        payment.ReceiptNumber.Should().Be($"R{BillingService.LocalToday.Year}-000001");
        var account = (await billing.Cashier(estateId).GetFromJsonAsync<AccountResponse>($"/api/billing/units/{unitId}/account", ApiJson.Options, Ct))!;
        account.OpenItems.Should().ContainSingle().Which.Outstanding.Should().Be(30m);
        var received = await billing.PublishedAsync<PaymentReceived>(p => p.PaymentId == payment.Id);
        (received.Amount, received.Method, received.ReceiptNumber, received.OwnerId).Should().Be((120m, "cash", payment.ReceiptNumber, ownerId));
        var notice = await billing.PublishedAsync<NotificationRequested>(n => n.TemplateKey == "payment-received" && n.Data["paymentId"] == payment.Id.ToString());
        (notice.RecipientKind, notice.RecipientId, notice.Data["receiptNumber"]).Should().Be(("owner", ownerId, payment.ReceiptNumber));
    }

    [Fact]
    public async Task Items_the_payer_names_are_settled_first()
    {
        var (estateId, unitId, _, _, newer) = await UnitOwingAsync();

        var response = await PayAsync(billing.Cashier(estateId), NewKey(), new { unitId, amount = 50m, method = "card", receivableIds = new[] { newer } });

        var payment = (await response.Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct))!;
        payment.Allocations.Should().Equal(new AllocationResponse(newer, 50m));
    }

    [Fact]
    public async Task Hundred_concurrent_retries_of_one_payment_with_one_key_make_one_payment_and_one_receipt()
    {
        var (estateId, unitId, _, _, _) = await UnitOwingAsync();
        var key = NewKey();
        var cashier = billing.Cashier(estateId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => PayAsync(cashier, key, new { unitId, amount = 150m, method = "cash" })));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.OK);
        var payments = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct)));
        payments.Select(p => (p!.Id, p.ReceiptNumber)).Distinct().Should().ContainSingle();
        (await PaymentsAsync(estateId)).Should().Be(1);
        (await billing.QueryAsync(db => db.ReceiptCounters.Where(c => c.EstateId == estateId).Select(c => c.LastNumber).SingleAsync(Ct))).Should().Be(1);
        (await billing.QueryAsync(db => db.Allocations.Where(a => a.EstateId == estateId).SumAsync(a => a.Amount, Ct))).Should().Be(150m);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused_with_409()
    {
        var (estateId, unitId, _, _, _) = await UnitOwingAsync();
        var key = NewKey();
        var cashier = billing.Cashier(estateId);
        (await PayAsync(cashier, key, new { unitId, amount = 10m, method = "cash" })).StatusCode.Should().Be(HttpStatusCode.Created);

        (await PayAsync(cashier, key, new { unitId, amount = 10.00m, method = "cash" })).StatusCode.Should().Be(HttpStatusCode.OK, "10 and 10.00 are the same amount");
        (await PayAsync(cashier, key, new { unitId, amount = 11m, method = "cash" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await PayAsync(cashier, key, new { unitId, amount = 10m, method = "card" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await PaymentsAsync(estateId)).Should().Be(1);
    }

    [Theory]
    [InlineData(-10)]
    [InlineData(10.005)]
    [InlineData(0)]
    public async Task A_negative_zero_or_over_precise_amount_is_refused_naming_the_field_and_nothing_is_stored(decimal amount)
    {
        var (estateId, unitId, _, _, _) = await UnitOwingAsync();

        var response = await PayAsync(billing.Cashier(estateId), NewKey(), new { unitId, amount, method = "cash" });

        (await response.ErrorFieldsAsync()).Should().Equal("amount");
        (await PaymentsAsync(estateId)).Should().Be(0);
    }

    [Fact]
    public async Task A_payment_without_an_idempotency_key_is_refused_naming_the_header()
    {
        var (estateId, unitId, _, _, _) = await UnitOwingAsync();

        var response = await billing.Cashier(estateId).PostAsJsonAsync("/api/billing/payments/counter", new { unitId, amount = 10m, method = "cash" }, Ct);

        (await response.ErrorFieldsAsync()).Should().Equal(PaymentsApi.IdempotencyHeader);
        (await PaymentsAsync(estateId)).Should().Be(0);
    }

    [Fact]
    public async Task A_payment_naming_an_item_that_is_not_open_on_the_unit_is_refused_and_takes_no_receipt_number()
    {
        var (estateId, unitId, _, _, _) = await UnitOwingAsync();
        var cashier = billing.Cashier(estateId);

        var refused = await PayAsync(cashier, NewKey(), new { unitId, amount = 10m, method = "cash", receivableIds = new[] { Guid.NewGuid() } });
        var next = await PayAsync(cashier, NewKey(), new { unitId, amount = 10m, method = "cash" });

        (await refused.ErrorFieldsAsync()).Should().Equal("receivableIds");
        (await next.Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct))!.ReceiptNumber.Should().EndWith("-000001");
    }

    [Fact]
    public async Task A_cashier_cannot_take_a_payment_for_another_estates_unit()
    {
        var (estateId, unitId, _, _, _) = await UnitOwingAsync();
        var stranger = billing.Cashier(await billing.NewEstateAsync());

        (await PayAsync(stranger, NewKey(), new { unitId, amount = 10m, method = "cash" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/api/billing/units/{unitId}/account", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await PaymentsAsync(estateId)).Should().Be(0);
    }

    [Fact]
    public async Task Receipt_numbers_run_without_gaps_per_estate_and_year_under_concurrent_payments()
    {
        var (estateId, unitId, _, _, _) = await UnitOwingAsync();
        var (otherEstate, otherUnit, _, _, _) = await UnitOwingAsync();
        var cashier = billing.Cashier(estateId, otherEstate);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PayAsync(cashier, NewKey(), new { unitId, amount = 1m, method = "cash" })));
        var other = await PayAsync(cashier, NewKey(), new { unitId = otherUnit, amount = 1m, method = "card" });

        var numbers = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct))!.ReceiptNumber));
        var year = BillingService.LocalToday.Year;
        numbers.Should().BeEquivalentTo(Enumerable.Range(1, 20).Select(n => $"R{year}-{n:D6}"));
        (await other.Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct))!.ReceiptNumber.Should().Be($"R{year}-000001");
    }
}
