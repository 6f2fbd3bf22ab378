using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.BrowserTests;

/// <summary>The cashier of North Garden: the counter (find, pay once, the PDF receipt; a charge and a meter reading on the unit) and the day's reconciliation.</summary>
public sealed class CashierTests(BrowserSystem system) : BrowserTest(system)
{
    private const string Cashier = "cashier.north";

    private async Task<List<JsonElement>> PaymentsOfAsync(Guid unitId)
    {
        using var cashier = await System.ApiAsync(Cashier, Ct);
        var page = await cashier.GetFromJsonAsync<JsonElement>($"/api/billing/payments?unitId={unitId}&limit=100", ApiJson.Options, Ct);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    [Fact]
    public async Task A_cashier_finds_a_unit_by_its_number_takes_a_card_payment_once_however_often_it_is_clicked_and_gets_the_PDF_receipt()
    {
        await System.ParkingChargeAsync(DemoGroup.NorthUnit102, Ct);

        await SignInAsync($"/cashier/counter?estate={DemoGroup.North}", Cashier);
        await WaitForInteractiveFormAsync();
        await FillFieldAsync("number", "102");
        await Button("Find").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("balance")).ToContainTextAsync("CNY");
        var balance = decimal.Parse(Regex.Match(await Page.GetByTestId("balance").InnerTextAsync(), @"[\d,]+\.\d\d").Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        await Assertions.Expect(Page.Locator("#amount input")).ToHaveValueAsync(balance.ToString("0.00", CultureInfo.InvariantCulture));
        await AssertAccessibleAsync();

        await Button("Paid by card").DblClickAsync();

        var receipt = Page.GetByTestId("receipt");
        await Assertions.Expect(receipt).ToContainTextAsync(new Regex($@"Receipt R{DateTime.UtcNow.Year}-\d{{6}}|Receipt R{DateTime.UtcNow.Year + 1}-\d{{6}}"));
        await Assertions.Expect(receipt).ToContainTextAsync($"{balance:N2} CNY paid by card");
        await Assertions.Expect(Page.GetByTestId("balance")).ToContainTextAsync("0.00 CNY");
        await AssertAccessibleAsync();
        await SaveDocumentationScreenshotAsync("cashier-counter.png");

        var payments = await PaymentsOfAsync(DemoGroup.NorthUnit102);
        var payment = payments.Should().ContainSingle("a double click pays once").Subject;
        (payment.GetProperty("amount").GetDecimal(), payment.GetProperty("method").GetString()).Should().Be((balance, "card"));
        var pdf = await Page.APIRequest.GetAsync(await Page.GetByTestId("receipt-pdf").GetAttributeAsync("href") ?? "");
        pdf.Status.Should().Be(200);
        pdf.Headers["content-type"].Should().Be("application/pdf");
        var bytes = await pdf.BodyAsync();
        Encoding.ASCII.GetString(bytes, 0, 5).Should().Be("%PDF-");
        Encoding.Latin1.GetString(bytes).Should().Contain(payment.GetProperty("receiptNumber").GetString()!, "the receipt carries its number");
    }

    private async Task<decimal> BalanceAsync() =>
        decimal.Parse(Regex.Match(await Page.GetByTestId("balance").InnerTextAsync(), @"[\d,]+\.\d\d").Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_cashier_raises_a_charge_on_the_unit_found_at_the_counter_ready_to_pay_and_records_its_water_meter_reading()
    {
        await SignInAsync($"/cashier/counter?estate={DemoGroup.North}", Cashier);
        await WaitForInteractiveFormAsync();
        await FillFieldAsync("number", "102");
        await Button("Find").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("balance")).ToContainTextAsync("CNY");
        var before = await BalanceAsync();
        await Assertions.Expect(Page.Locator(".cashier-charge form[data-interactive=true]")).ToBeVisibleAsync();

        var description = $"Key card {Guid.NewGuid():N}"[..17];
        await FillFieldAsync("charge-description", description);
        await FillFieldAsync("charge-amount", "35.00");
        await Button("Raise charge").ClickAsync();

        await Assertions.Expect(Page.GetByTestId("charge-raised")).ToContainTextAsync(description);
        await Assertions.Expect(Page.GetByRole(AriaRole.Table, new() { Name = "Open items" })).ToContainTextAsync(description);
        await Assertions.Expect(Page.GetByTestId("balance")).ToContainTextAsync($"{before + 35m:N2} CNY");
        await Assertions.Expect(Page.Locator("#amount input")).ToHaveValueAsync((before + 35m).ToString("0.00", CultureInfo.InvariantCulture));

        // A reading above any the unit's water meter had (a meter only counts up), for the estate's today.
        var reading = Math.Round((decimal)(DateTime.UtcNow - new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalMinutes, 1);
        var typed = reading.ToString("0.###", CultureInfo.InvariantCulture);
        await FillFieldAsync("meter-reading", typed);
        await Button("Record reading").ClickAsync();

        await Assertions.Expect(Page.GetByTestId("reading-recorded")).ToContainTextAsync($"Water meter: {typed} m³ recorded");
        await Assertions.Expect(Page.GetByTestId("readings").Locator("tbody tr").First).ToContainTextAsync($"{typed} m³");
        await AssertAccessibleAsync();

        using var cashier = await System.ApiAsync(Cashier, Ct);
        var account = await cashier.GetFromJsonAsync<JsonElement>($"/api/billing/units/{DemoGroup.NorthUnit102}/account", ApiJson.Options, Ct);
        var charge = account.GetProperty("openItems").EnumerateArray().Should().ContainSingle(i => i.GetProperty("description").GetString() == description, "a charge is booked once").Subject;
        (charge.GetProperty("feeItem").GetString(), charge.GetProperty("outstanding").GetDecimal(), charge.GetProperty("source").GetString())
            .Should().Be(("other", 35.00m, "billing-staff"));
        var readings = await cashier.GetFromJsonAsync<JsonElement>($"/api/billing/units/{DemoGroup.NorthUnit102}/meter-readings?meter=water", ApiJson.Options, Ct);
        var kept = readings.GetProperty("items").EnumerateArray().First();
        (kept.GetProperty("reading").GetDecimal(), kept.GetProperty("source").GetString()).Should().Be((reading, "staff"));
    }

    [Fact]
    public async Task An_unknown_unit_number_is_shown_next_to_the_field()
    {
        await SignInAsync($"/cashier/counter?estate={DemoGroup.North}", Cashier);
        await WaitForInteractiveFormAsync();

        await FillFieldAsync("number", "9999");
        await Button("Find").ClickAsync();

        await Assertions.Expect(Page.Locator("#number-field")).ToContainTextAsync("No unit 9999 in this estate.");
    }

    [Fact]
    public async Task The_cashiers_day_shows_the_cash_taken_asks_to_explain_an_undeposited_difference_and_records_the_deposit_and_the_handover()
    {
        using (var api = await System.ApiAsync(Cashier, Ct))
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter")
            {
                Content = JsonContent.Create(new { unitId = DemoGroup.NorthUnit101, amount = 88.00m, method = "cash" }),
            };
            request.Headers.Add("Idempotency-Key", $"browser-{Guid.NewGuid():N}");
            var paid = await api.SendAsync(request, Ct);
            paid.StatusCode.Should().Be(HttpStatusCode.Created, await paid.Content.ReadAsStringAsync(Ct));
        }

        await SignInAsync($"/cashier/day?estate={DemoGroup.North}", Cashier);
        var mine = Page.Locator("section[data-mine=true]");
        await Assertions.Expect(mine.GetByTestId("cash")).ToContainTextAsync("CNY");
        await Assertions.Expect(mine.GetByTestId("handover")).ToHaveTextAsync("Not handed over yet");
        await WaitForInteractiveFormAsync();
        await AssertAccessibleAsync();

        await Button("Hand over to finance").ClickAsync();
        await Assertions.Expect(Page.Locator("#explanation-field")).ToContainTextAsync("must be explained");

        var slip = $"SLIP-{Guid.NewGuid():N}"[..17];
        await FillFieldAsync("bankSlipRef", slip);
        await Button("Record deposit").ClickAsync();
        await Assertions.Expect(mine.GetByTestId("cash-not-deposited")).ToHaveTextAsync("0.00 CNY");
        await Assertions.Expect(mine).ToContainTextAsync(slip);
        await Assertions.Expect(mine.GetByTestId("deposit-deadline")).ToContainTextAsync(new Regex("^(Met|Missed)"));
        await Button("Hand over to finance").ClickAsync();
        await Assertions.Expect(mine.GetByTestId("handover")).ToContainTextAsync("Handed over at");
        await AssertAccessibleAsync();

        using var cashier = await System.ApiAsync(Cashier, Ct);
        var days = await cashier.GetFromJsonAsync<JsonElement>($"/api/billing/cashier-days?estateId={DemoGroup.North}", ApiJson.Options, Ct);
        var day = days.GetProperty("cashiers").EnumerateArray().Should().ContainSingle(d => d.GetProperty("deposits").EnumerateArray().Any(x => x.GetProperty("bankSlipRef").GetString() == slip)).Subject;
        day.GetProperty("cashNotDeposited").GetDecimal().Should().Be(0m);
        day.GetProperty("handedOverAt").ValueKind.Should().Be(JsonValueKind.String, "the day was handed over to finance");
    }
}
