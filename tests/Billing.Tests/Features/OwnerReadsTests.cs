using System.Net;
using System.Net.Http.Json;
using PropertyPlatform.Billing.Features.Accounts;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.Billing.Features.Runs;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Billing.Tests.Features;

/// <summary>What the owners' portal reads at billing: their own units' account, bills and payments, and nobody else's.</summary>
public sealed class OwnerReadsTests(BillingService billing)
{
    private static readonly DateOnly Period = BillingService.LastMonth;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An estate billed last month for two units of 90 m² at 3.00 CNY/m².</summary>
    private async Task<(Guid EstateId, Guid Mine, Guid Neighbours)> BilledEstateAsync()
    {
        var estateId = await billing.NewEstateAsync();
        await billing.ApprovedRateAsync(estateId, "management-fee", 3m, Period.AddYears(-1));
        var (mine, _) = await billing.UnitAsync(estateId, 90m, Period.AddYears(-1));
        var (neighbours, _) = await billing.UnitAsync(estateId, 90m, Period.AddYears(-1));
        await billing.RunAsync(estateId, Period);
        return (estateId, mine, neighbours);
    }

    [Fact]
    public async Task An_owner_reads_their_own_units_account_and_bills_and_never_a_neighbours()
    {
        var (estateId, mine, neighbours) = await BilledEstateAsync();
        var owner = billing.CreateClient(TestCaller.Owner(estateId, mine));

        var account = (await owner.GetFromJsonAsync<AccountResponse>($"/api/billing/units/{mine}/account", ApiJson.Options, Ct))!;
        account.Balance.Should().Be(270m);
        account.OpenItems.Should().ContainSingle().Which.FeeItem.Should().Be("management-fee");
        (await owner.GetAsync($"/api/billing/units/{neighbours}/account", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var all = (await owner.GetFromJsonAsync<Page<BillResponse>>("/api/billing/bills?limit=50", ApiJson.Options, Ct))!;
        all.Items.Should().ContainSingle().Which.UnitId.Should().Be(mine, "an owner's bills are those of their own units");
        var asked = (await owner.GetFromJsonAsync<Page<BillResponse>>($"/api/billing/bills?unitId={neighbours}", ApiJson.Options, Ct))!;
        asked.Items.Should().BeEmpty("a neighbour's bills stay hidden even when asked for by unit");
    }

    [Fact]
    public async Task An_owner_reads_a_payment_of_their_unit_with_its_receipt_number_and_not_a_neighbours()
    {
        var (estateId, mine, neighbours) = await BilledEstateAsync();
        var cashier = billing.Cashier(estateId);
        async Task<PaymentResponse> PayAsync(Guid unitId)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter") { Content = JsonContent.Create(new { unitId, amount = 10m, method = "cash" }) };
            request.Headers.Add(PaymentsApi.IdempotencyHeader, Guid.NewGuid().ToString());
            var response = await cashier.SendAsync(request, Ct);
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
            return (await response.Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct))!;
        }

        var ours = await PayAsync(mine);
        var theirs = await PayAsync(neighbours);
        var owner = billing.CreateClient(TestCaller.Owner(estateId, mine));

        var read = (await owner.GetFromJsonAsync<PaymentResponse>($"/api/billing/payments/{ours.Id}", ApiJson.Options, Ct))!;
        read.ReceiptNumber.Should().Be(ours.ReceiptNumber);
        (await owner.GetAsync($"/api/billing/payments/{theirs.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
