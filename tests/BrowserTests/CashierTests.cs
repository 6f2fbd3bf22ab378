using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// The cashier of North Garden: the counter (find, pay once, the PDF receipt; a charge and a meter reading on the unit;
/// parking rentals; a payment reversed by the estate manager and paid back; credit applied and refunded) and the day's
/// reconciliation.
/// </summary>
public sealed class CashierTests(BrowserSystem system) : BrowserTest(system)
{
    private const string Cashier = "cashier.north";

    private static string Counter => $"/cashier/counter?estate={DemoGroup.North}";

    /// <summary>The estate's today (North Garden keeps Shanghai's clock), as billing's days are written.</summary>
    private static DateOnly NorthToday =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Finds the unit by its number at the counter on <paramref name="page"/> and waits for its cards to take input.</summary>
    private async Task FindUnitAsync(string number, IPage? page = null)
    {
        page ??= Page;
        await FillFieldAsync("number", number, page);
        await page.Locator("fluent-button", new() { HasText = "Find" }).ClickAsync();
        await Assertions.Expect(page.Locator("#account-title")).ToHaveTextAsync($"Unit {number}");
        await Assertions.Expect(page.Locator(".cashier-payments")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".cashier-parking form[data-interactive=true]").First).ToBeVisibleAsync();
    }

    private static ILocator PaymentRow(IPage page, Guid paymentId) => page.Locator($"tr[data-payment-id='{paymentId}']");

    private async Task<JsonElement> ApiGetAsync(string path)
    {
        using var cashier = await System.ApiAsync(Cashier, Ct);
        return await cashier.GetFromJsonAsync<JsonElement>(path, ApiJson.Options, Ct);
    }

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

    [Fact]
    public async Task The_cashier_rents_a_space_to_a_unit_a_second_rental_of_it_on_the_same_days_is_refused_in_billings_words_and_the_rental_ends()
    {
        using var clerk = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var (firstId, first, _) = await NewUnitAsync(clerk, "PK");
        var (secondId, second, _) = await NewUnitAsync(clerk, "PK");
        await System.BillingKnowsUnitAsync(firstId, Ct);
        await System.BillingKnowsUnitAsync(secondId, Ct);
        var space = $"T-{Random.Shared.Next(1_000_000, 9_999_999)}";
        var today = NorthToday;

        await SignInAsync(Counter, Cashier);
        await WaitForInteractiveFormAsync();
        await FindUnitAsync(first);
        await Assertions.Expect(Page.Locator(".cashier-parking")).ToContainTextAsync("No parking space is rented to this unit.");
        await FillFieldAsync("parking-space", space);
        await Assertions.Expect(Page.Locator("#parking-from input")).ToHaveValueAsync(Day(today), new() { Timeout = 5_000 });
        await Button("Rent space").ClickAsync();
        await ExpectVisibleAsync(Page, Page.GetByTestId("parking-done"));
        await Assertions.Expect(Page.GetByTestId("parking-done")).ToContainTextAsync($"Space {space} rented to this unit.");
        await Assertions.Expect(Page.GetByTestId("rentals").Locator("tr", new() { HasText = space })).ToContainTextAsync("Running");
        await AssertAccessibleAsync();

        // The same space for another unit from the same day: billing's 409, in its own words under the field.
        await FindUnitAsync(second);
        await FillFieldAsync("parking-space", space);
        await Button("Rent space").ClickAsync();
        var spaceField = Page.Locator("#parking-space-field");
        await ExpectVisibleAsync(Page, Page.Locator("#parking-space-field", new() { HasText = $"Space {space} is rented {Day(today)}..open end" }));
        await Assertions.Expect(spaceField).ToContainTextAsync("a space is rented to one unit at a time.");
        await Assertions.Expect(Page.Locator("main")).Not.ToContainTextAsync("Conflict.");
        await Assertions.Expect(Page.Locator(".cashier-parking")).ToContainTextAsync("No parking space is rented to this unit.");
        await AssertAccessibleAsync();

        // The first unit's rental ends today (the last day rented); the space is the second unit's from tomorrow.
        await FindUnitAsync(first);
        await Page.GetByTestId("rentals").Locator("tr", new() { HasText = space }).GetByTestId("end-rental").ClickAsync();
        await Assertions.Expect(Page.Locator("#end-until input")).ToHaveValueAsync(Day(today));
        await Page.Locator("form[aria-labelledby=end-title] fluent-button").ClickAsync();
        await ExpectVisibleAsync(Page, Page.GetByTestId("parking-done"));
        await Assertions.Expect(Page.GetByTestId("parking-done")).ToContainTextAsync($"The rental of {space} ends on");
        await Assertions.Expect(Page.Locator("#end-until")).ToHaveCountAsync(0);
        await AssertAccessibleAsync();

        await FindUnitAsync(second);
        await FillFieldAsync("parking-space", space);
        await FillFieldAsync("parking-from", Day(today.AddDays(1)));
        await Button("Rent space").ClickAsync();
        await ExpectVisibleAsync(Page, Page.GetByTestId("parking-done"));

        var ended = (await ApiGetAsync($"/api/billing/units/{firstId}/parking-rentals")).GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        (ended.GetProperty("space").GetString(), ended.GetProperty("from").GetString(), ended.GetProperty("until").GetString())
            .Should().Be((space, Day(today), Day(today)));
        ended.GetProperty("endedBy").GetString().Should().Be(ended.GetProperty("rentedBy").GetString(), "the cashier who rented it ended it");
        var next = (await ApiGetAsync($"/api/billing/units/{secondId}/parking-rentals")).GetProperty("items").EnumerateArray().Should().ContainSingle("the refused rental was not kept").Subject;
        (next.GetProperty("space").GetString(), next.GetProperty("from").GetString(), next.GetProperty("until").ValueKind)
            .Should().Be((space, Day(today.AddDays(1)), JsonValueKind.Null));
    }

    [Fact]
    public async Task A_payment_taken_in_error_is_reversed_by_the_estate_manager_and_the_cashier_pays_its_money_back()
    {
        using var clerk = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var (unitId, number, _) = await NewUnitAsync(clerk, "RV");
        var description = Unique("Key card");
        await System.StaffChargeAsync(unitId, 80.00m, description, Ct);

        await SignInAsync(Counter, Cashier);
        await WaitForInteractiveFormAsync();
        await FindUnitAsync(number);
        await Assertions.Expect(Page.GetByTestId("balance")).ToHaveTextAsync("Balance due: 80.00 CNY");
        await Button("Paid in cash").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("receipt")).ToContainTextAsync("80.00 CNY paid by cash");
        await Assertions.Expect(Page.GetByTestId("balance")).ToHaveTextAsync("Balance due: 0.00 CNY");
        var payment = (await PaymentsOfAsync(unitId)).Should().ContainSingle().Subject;
        var paymentId = payment.GetProperty("id").GetGuid();
        var receipt = payment.GetProperty("receiptNumber").GetString()!;

        // The cashier who took it does not undo it: the page says who does.
        await PaymentRow(Page, paymentId).GetByTestId("choose-payment").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("refund-needs-reversal")).ToContainTextAsync("the estate manager reverses a payment taken in error");
        await Assertions.Expect(Page.Locator("#refund-amount")).ToHaveCountAsync(0);

        var manager = await OtherPersonAsync(DemoGroup.ManagerNorth, Counter, new() { Width = 1280, Height = 900 });
        await Assertions.Expect(manager.Locator("form[data-interactive=true]").First).ToBeVisibleAsync();
        await FindUnitAsync(number, manager);
        await PaymentRow(manager, paymentId).GetByTestId("choose-payment").ClickAsync();
        await Assertions.Expect(manager.GetByTestId("payment-status")).ToContainTextAsync("Not reversed.");
        await FillFieldAsync("reversal-reason", "Paid for the wrong unit", manager);
        await manager.Locator("form[aria-labelledby=reversal-title] fluent-button").ClickAsync();
        await ExpectVisibleAsync(manager, manager.GetByTestId("payment-done"));
        await Assertions.Expect(manager.GetByTestId("payment-done")).ToContainTextAsync($"Receipt {receipt} is reversed: its money is owed back to the payer.");
        await Assertions.Expect(manager.GetByTestId("payment-status")).ToContainTextAsync("Paid for the wrong unit");
        await Assertions.Expect(manager.GetByTestId("balance")).ToHaveTextAsync("Balance due: 80.00 CNY");
        await AssertAccessibleAsync(manager);

        // Reversed, its money is the cashier's to pay back: the whole amount, in cash as it came.
        await PaymentRow(Page, paymentId).GetByTestId("choose-payment").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("payment-status")).ToContainTextAsync("Paid for the wrong unit");
        await Assertions.Expect(Page.Locator("#refund-amount input")).ToHaveValueAsync("80.00");
        await FillFieldAsync("refund-reason", "Paid for the wrong unit");
        await Page.Locator("form[aria-labelledby=refund-title] fluent-button").ClickAsync();
        await ExpectVisibleAsync(Page, Page.GetByTestId("payment-done"));
        await Assertions.Expect(Page.GetByTestId("payment-done")).ToContainTextAsync($"Refunded 80.00 CNY by cash on receipt {receipt}; still refundable: 0.00 CNY.");
        await Assertions.Expect(Page.GetByTestId("payment-status")).ToContainTextAsync("Refunded so far: 80.00 CNY.");
        await Assertions.Expect(Page.GetByTestId("balance")).ToHaveTextAsync("Balance due: 80.00 CNY");
        await AssertAccessibleAsync();

        var kept = await ApiGetAsync($"/api/billing/payments/{paymentId}");
        (kept.GetProperty("reversedAt").ValueKind, kept.GetProperty("reversalReason").GetString(), kept.GetProperty("refunded").GetDecimal())
            .Should().Be((JsonValueKind.String, "Paid for the wrong unit", 80.00m));
        var account = await ApiGetAsync($"/api/billing/units/{unitId}/account");
        (account.GetProperty("balance").GetDecimal(), account.GetProperty("credit").GetDecimal()).Should().Be((80.00m, 0m), "the charge is open again and nothing is owed back");
        account.GetProperty("openItems").EnumerateArray().Should().ContainSingle(i => i.GetProperty("description").GetString() == description);
    }

    [Fact]
    public async Task Money_paid_over_the_balance_stays_as_credit_the_cashier_applies_it_to_a_new_charge_and_the_estate_manager_refunds_the_rest()
    {
        using var clerk = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var (unitId, number, _) = await NewUnitAsync(clerk, "CR");
        await System.StaffChargeAsync(unitId, 50.00m, Unique("Key card"), Ct);

        await SignInAsync(Counter, Cashier);
        await WaitForInteractiveFormAsync();
        await FindUnitAsync(number);
        await Assertions.Expect(Page.GetByTestId("balance")).ToHaveTextAsync("Balance due: 50.00 CNY");
        await FillFieldAsync("amount", "120.00");
        await Button("Paid in cash").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("receipt")).ToContainTextAsync("120.00 CNY paid by cash");
        await Assertions.Expect(Page.GetByTestId("balance")).ToHaveTextAsync("Balance due: 0.00 CNY");
        await Assertions.Expect(Page.GetByTestId("credit")).ToContainTextAsync("70.00 CNY");
        var paymentId = (await PaymentsOfAsync(unitId)).Should().ContainSingle().Subject.GetProperty("id").GetGuid();

        // A new charge is owed while the credit waits: the cashier applies the credit to it before taking any money.
        await Assertions.Expect(Page.Locator(".cashier-charge form[data-interactive=true]")).ToBeVisibleAsync();
        var description = Unique("Gate card");
        await FillFieldAsync("charge-description", description);
        await FillFieldAsync("charge-amount", "30.00");
        await Button("Raise charge").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("balance")).ToHaveTextAsync("Balance due: 30.00 CNY");
        await ExpectVisibleAsync(Page, Page.GetByTestId("apply-credit"));
        await AssertAccessibleAsync();
        await Page.GetByTestId("apply-credit").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("balance")).ToHaveTextAsync("Balance due: 0.00 CNY");
        await Assertions.Expect(Page.GetByTestId("credit")).ToContainTextAsync("40.00 CNY");
        await Assertions.Expect(Page.GetByTestId("apply-credit")).ToHaveCountAsync(0);

        // The credit left is paid back only by the estate manager's decision.
        var manager = await OtherPersonAsync(DemoGroup.ManagerNorth, Counter, new() { Width = 1280, Height = 900 });
        await Assertions.Expect(manager.Locator("form[data-interactive=true]").First).ToBeVisibleAsync();
        await FindUnitAsync(number, manager);
        await PaymentRow(manager, paymentId).GetByTestId("choose-payment").ClickAsync();
        await Assertions.Expect(manager.Locator("#refund-title")).ToContainTextAsync("Refund (up to 40.00 CNY)");
        await FillFieldAsync("refund-reason", "The owner asked for the credit back", manager);
        await manager.Locator("form[aria-labelledby=refund-title] fluent-button").ClickAsync();
        await ExpectVisibleAsync(manager, manager.GetByTestId("payment-done"));
        await Assertions.Expect(manager.GetByTestId("payment-done")).ToContainTextAsync("Refunded 40.00 CNY by cash on receipt");
        await Assertions.Expect(manager.GetByTestId("payment-done")).ToContainTextAsync("still refundable: 0.00 CNY.");
        await Assertions.Expect(manager.GetByTestId("credit")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(manager);

        var account = await ApiGetAsync($"/api/billing/units/{unitId}/account");
        (account.GetProperty("balance").GetDecimal(), account.GetProperty("credit").GetDecimal()).Should().Be((0m, 0m));
        var payment = await ApiGetAsync($"/api/billing/payments/{paymentId}");
        (payment.GetProperty("reversedAt").ValueKind, payment.GetProperty("refunded").GetDecimal(),
                payment.GetProperty("allocations").EnumerateArray().Sum(a => a.GetProperty("amount").GetDecimal()))
            .Should().Be((JsonValueKind.Null, 40.00m, 80.00m), "the payment paid both charges and its credit went back");
    }
}
