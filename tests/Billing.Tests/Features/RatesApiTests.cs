using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Features.Rates;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

public sealed class RatesApiTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> ProposeAsync(Guid estateId, object amount, string feeItem = "management-fee", HttpClient? client = null) =>
        (client ?? billing.Manager(estateId)).PostAsJsonAsync("/api/billing/rates", new { estateId, feeItem, amount, effectiveFrom = "2026-01-01" }, Ct);

    private Task<int> StoredRatesAsync(Guid estateId) => billing.QueryAsync(db => db.Rates.CountAsync(r => r.EstateId == estateId, Ct));

    [Fact]
    public async Task A_rate_in_CNY_with_three_decimals_is_refused_and_nothing_is_stored()
    {
        var estateId = await billing.NewEstateAsync();

        (await (await ProposeAsync(estateId, 2.355m)).ErrorFieldsAsync()).Should().Equal("amount");
        (await StoredRatesAsync(estateId)).Should().Be(0);
    }

    [Fact]
    public async Task A_negative_rate_is_refused_and_nothing_is_stored()
    {
        var estateId = await billing.NewEstateAsync();

        (await (await ProposeAsync(estateId, -1m)).ErrorFieldsAsync()).Should().Equal("amount");
        (await StoredRatesAsync(estateId)).Should().Be(0);
    }

    [Fact]
    public async Task A_yen_rate_with_decimals_is_refused_in_a_JPY_estate()
    {
        var estateId = await billing.NewEstateAsync("JPY");

        (await (await ProposeAsync(estateId, 10.5m)).ErrorFieldsAsync()).Should().Equal("amount");
    }

    [Fact]
    public async Task A_rate_for_a_fee_item_that_comes_as_a_charge_is_refused_naming_the_field()
    {
        var estateId = await billing.NewEstateAsync();

        (await (await ProposeAsync(estateId, 2m, feeItem: "paid-service")).ErrorFieldsAsync()).Should().Equal("feeItem");
    }

    [Fact]
    public async Task A_rate_is_billed_only_once_the_group_approves_it_and_an_estate_manager_cannot()
    {
        var estateId = await billing.NewEstateAsync();
        var proposed = (await (await ProposeAsync(estateId, 2.5m)).Content.ReadFromJsonAsync<RateResponse>(ApiJson.Options, Ct))!;

        proposed.ApprovedAt.Should().BeNull();
        (await billing.Manager(estateId).PostAsync($"/api/billing/rates/{proposed.Id}/approve", null, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await billing.Admin().PostAsync($"/api/billing/rates/{proposed.Id}/approve", null, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_approved_rate_never_changes_a_new_price_is_a_new_version()
    {
        var estateId = await billing.NewEstateAsync();
        var rate = await billing.ApprovedRateAsync(estateId, "management-fee", 2.5m, new(2026, 1, 1));

        (await billing.Admin().PostAsync($"/api/billing/rates/{rate.Id}/approve", null, Ct)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var sameDay = (await (await ProposeAsync(estateId, 2.8m)).Content.ReadFromJsonAsync<RateResponse>(ApiJson.Options, Ct))!;
        (await billing.Admin().PostAsync($"/api/billing/rates/{sameDay.Id}/approve", null, Ct)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        await billing.ApprovedRateAsync(estateId, "management-fee", 2.8m, new(2026, 7, 1));

        var versions = await billing.Manager(estateId).GetFromJsonAsync<RateResponse[]>($"/api/billing/rates?estateId={estateId}", ApiJson.Options, Ct);
        versions!.Where(v => v.ApprovedAt != null).Select(v => (v.Amount, v.EffectiveFrom)).Should().Equal((2.8m, new DateOnly(2026, 7, 1)), (2.5m, new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public async Task A_manager_cannot_set_rates_for_another_estate()
    {
        var estateId = await billing.NewEstateAsync();
        var other = await billing.NewEstateAsync();

        (await ProposeAsync(other, 2m, client: billing.Manager(estateId))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await StoredRatesAsync(other)).Should().Be(0);
    }
}
