using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Features.Accounts;
using PropertyPlatform.Billing.Features.Charges;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.Billing.Features.Runs;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Billing.Tests.Features;

/// <summary>
/// Charges staff raise by hand ("other charges" and paid services that no other service charges), exactly once per
/// Idempotency-Key; the maintenance fund billed by its own run; and the owner's receipt history.
/// </summary>
public sealed class ChargesTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> RaiseAsync(HttpClient client, string? key, object charge)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/charges") { Content = JsonContent.Create(charge) };
        if (key is not null)
        {
            request.Headers.Add(PaymentsApi.IdempotencyHeader, key);
        }

        return client.SendAsync(request, Ct);
    }

    private Task<int> StaffChargesAsync(Guid unitId) =>
        billing.QueryAsync(db => db.Receivables.CountAsync(r => r.UnitId == unitId && r.Source == ChargesApi.StaffSource, Ct));

    [Fact]
    public async Task A_cashier_raises_an_other_charge_that_is_owed_on_the_units_account_and_paid_at_the_counter()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var cashier = billing.Cashier(estateId);

        var raised = await RaiseAsync(cashier, $"charge-{Guid.NewGuid():N}", new { unitId, amount = 50m, description = "Replacement key card" });

        raised.StatusCode.Should().Be(HttpStatusCode.Created, await raised.Content.ReadAsStringAsync(Ct));
        var charge = (await raised.Content.ReadFromJsonAsync<ChargeResponse>(ApiJson.Options, Ct))!;
        (charge.FeeItem, charge.Amount, charge.Currency, charge.DueOn).Should().Be(("other", 50m, "CNY", BillingService.LocalToday));
        var account = (await cashier.GetFromJsonAsync<AccountResponse>($"/api/billing/units/{unitId}/account", ApiJson.Options, Ct))!;
        account.Balance.Should().Be(50m);
        account.OpenItems.Should().ContainSingle().Which.Should().Match<OpenItemResponse>(i =>
            i.Id == charge.Id && i.Description == "Replacement key card" && i.Source == ChargesApi.StaffSource);

        var pay = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter") { Content = JsonContent.Create(new { unitId, amount = 50m, method = "cash" }) };
        pay.Headers.Add(PaymentsApi.IdempotencyHeader, Guid.NewGuid().ToString());
        var paid = await cashier.SendAsync(pay, Ct);
        paid.StatusCode.Should().Be(HttpStatusCode.Created, await paid.Content.ReadAsStringAsync(Ct));
        (await paid.Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct))!.Allocations.Should().ContainSingle()
            .Which.Should().Be(new AllocationResponse(charge.Id, 50m));
    }

    [Fact]
    public async Task Concurrent_retries_of_one_charge_with_one_key_book_it_once_and_all_answer_it()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var cashier = billing.Cashier(estateId);
        var key = $"charge-{Guid.NewGuid():N}";
        var charge = new { unitId, feeItem = "paid-service", amount = 120.5m, description = "Window cleaning, 3 rooms" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => RaiseAsync(cashier, key, charge)));

        answers.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Created || s == HttpStatusCode.OK);
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().Be(1);
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<ChargeResponse>(ApiJson.Options, Ct))!.Id));
        ids.Distinct().Should().ContainSingle("every retry answers the one charge");
        (await StaffChargesAsync(unitId)).Should().Be(1);
    }

    [Fact]
    public async Task The_same_key_for_another_charge_is_a_conflict_and_books_nothing_more()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var cashier = billing.Cashier(estateId);
        var key = $"charge-{Guid.NewGuid():N}";
        (await RaiseAsync(cashier, key, new { unitId, amount = 30m, description = "Parcel storage" })).StatusCode.Should().Be(HttpStatusCode.Created);

        var other = await RaiseAsync(cashier, key, new { unitId, amount = 31m, description = "Parcel storage" });

        other.StatusCode.Should().Be(HttpStatusCode.Conflict, await other.Content.ReadAsStringAsync(Ct));
        (await StaffChargesAsync(unitId)).Should().Be(1);
    }

    public static TheoryData<string?, string, string> BadCharges => new()
    {
        { null, """{"amount": 10, "description": "x"}""", PaymentsApi.IdempotencyHeader },
        { "charge-key-1", """{"amount": -10, "description": "Key card"}""", "amount" },
        { "charge-key-2", """{"amount": 0, "description": "Key card"}""", "amount" },
        { "charge-key-3", """{"amount": 10.123, "description": "Key card"}""", "amount" },
        { "charge-key-4", """{"amount": 10, "description": ""}""", "description" },
        { "charge-key-5", """{"amount": 10, "description": "Key card", "feeItem": "management-fee"}""", "feeItem" },
        { "charge-key-6", """{"amount": 10, "description": "Key card", "feeItem": "nonsense"}""", "feeItem" },
        { "charge-key-7", """{"amount": 10, "description": "Key card", "dueOn": "2000-01-01"}""", "dueOn" },
    };

    [Theory]
    [MemberData(nameof(BadCharges))]
    public async Task Bad_input_is_refused_naming_the_field_and_books_nothing(string? key, string body, string field)
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var json = body.Replace("{", $$"""{"unitId": "{{unitId}}", """, StringComparison.Ordinal);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/charges") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add(PaymentsApi.IdempotencyHeader, $"{key}-{Guid.NewGuid():N}");
        }

        var response = await billing.Cashier(estateId).SendAsync(request, Ct);

        (await response.ErrorFieldsAsync()).Should().Contain(field);
        (await StaffChargesAsync(unitId)).Should().Be(0);
    }

    [Fact]
    public async Task A_cashier_cannot_charge_another_estates_unit_and_an_owner_cannot_charge_at_all()
    {
        var estateId = await billing.NewEstateAsync();
        var otherEstate = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var charge = new { unitId, amount = 10m, description = "Key card" };

        (await RaiseAsync(billing.Cashier(otherEstate), $"charge-{Guid.NewGuid():N}", charge)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await RaiseAsync(billing.CreateClient(TestCaller.Owner(estateId, unitId)), $"charge-{Guid.NewGuid():N}", charge)).StatusCode
            .Should().Be(HttpStatusCode.Forbidden);
        (await StaffChargesAsync(unitId)).Should().Be(0);
    }

    [Fact]
    public async Task The_maintenance_fund_is_billed_by_its_own_run_by_floor_area_and_prorated_beside_the_management_fee()
    {
        var period = BillingService.LastMonth;
        var daysInMonth = DateTime.DaysInMonth(period.Year, period.Month);
        var estateId = await billing.NewEstateAsync();
        await billing.ApprovedRateAsync(estateId, "management-fee", 3m, period.AddYears(-1));
        await billing.ApprovedRateAsync(estateId, "maintenance-fund", 0.25m, period.AddYears(-1));
        var (unitId, _) = await billing.UnitAsync(estateId, 100m, movedInOn: period.AddDays(10));

        (await billing.RunAsync(estateId, period, "maintenance-fund")).Status.Should().Be("Posted");
        (await billing.RunAsync(estateId, period, "management-fee")).Status.Should().Be("Posted");

        var bills = (await billing.Manager(estateId).GetFromJsonAsync<Page<BillResponse>>($"/api/billing/bills?unitId={unitId}", ApiJson.Options, Ct))!.Items;
        var days = daysInMonth - 10;
        var fund = bills.Should().ContainSingle(b => b.FeeItem == "maintenance-fund").Subject;
        fund.Total.Should().Be(decimal.Round(0.25m * 100m * days / daysInMonth, 2, MidpointRounding.AwayFromZero));
        fund.Lines.Should().ContainSingle().Which.Should().Match<BillLineResponse>(l => l.Quantity == 100m && l.Days == days && l.DaysInPeriod == daysInMonth);
        bills.Should().ContainSingle(b => b.FeeItem == "management-fee").Which.Total
            .Should().Be(decimal.Round(3m * 100m * days / daysInMonth, 2, MidpointRounding.AwayFromZero), "each fee item is a bill of its own");
    }

    [Fact]
    public async Task An_owner_lists_the_payments_of_their_own_units_as_their_receipt_history_and_never_a_neighbours()
    {
        var estateId = await billing.NewEstateAsync();
        var (mine, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var (neighbours, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var cashier = billing.Cashier(estateId);
        async Task<PaymentResponse> PayAsync(Guid unitId, decimal amount)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter") { Content = JsonContent.Create(new { unitId, amount, method = "cash" }) };
            request.Headers.Add(PaymentsApi.IdempotencyHeader, Guid.NewGuid().ToString());
            var response = await cashier.SendAsync(request, Ct);
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
            return (await response.Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct))!;
        }

        var first = await PayAsync(mine, 10m);
        var second = await PayAsync(mine, 20m);
        await PayAsync(neighbours, 30m);
        var owner = billing.CreateClient(TestCaller.Owner(estateId, mine));

        var page1 = (await owner.GetFromJsonAsync<Page<PaymentResponse>>("/api/billing/payments?limit=1", ApiJson.Options, Ct))!;
        var page2 = (await owner.GetFromJsonAsync<Page<PaymentResponse>>($"/api/billing/payments?limit=1&cursor={page1.NextCursor}", ApiJson.Options, Ct))!;

        page1.Items.Concat(page2.Items).Select(p => p.ReceiptNumber).Should().Equal(second.ReceiptNumber, first.ReceiptNumber);
        page2.NextCursor.Should().BeNull("the neighbour's payment is not in the owner's history");
        (await owner.GetFromJsonAsync<Page<PaymentResponse>>($"/api/billing/payments?unitId={neighbours}", ApiJson.Options, Ct))!.Items
            .Should().BeEmpty("a neighbour's payments stay hidden even when asked for by unit");
    }
}
