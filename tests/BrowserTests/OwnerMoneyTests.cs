using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Npgsql;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.BrowserTests;

/// <summary>Li Wei, owner of North 1-101, paying a bill online from the phone.</summary>
public sealed class OwnerMoneyTests(BrowserSystem system) : BrowserTest(system)
{
    protected override ViewportSize Viewport => Phone;

    /// <summary>The online payments billing started for the unit since <paramref name="since"/>, read from billing's own database.</summary>
    private async Task<long> ProviderPaymentsSinceAsync(Guid unitId, DateTimeOffset since)
    {
        await using var connection = new NpgsqlConnection(await System.App.GetConnectionStringAsync("billing-db", Ct));
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM provider_payments WHERE unit_id = @unit AND created_at >= @since", connection);
        count.Parameters.AddWithValue("unit", unitId);
        count.Parameters.AddWithValue("since", since.UtcDateTime);
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }

    [Fact]
    public async Task An_owner_pays_what_is_open_online_once_however_often_tapped_and_downloads_the_PDF_receipt_on_the_providers_page()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-5);
        await System.ParkingChargeAsync(DemoGroup.NorthUnit101, Ct);

        await SignInAsync("/owner/bills", DemoGroup.OwnerNorth);
        await Assertions.Expect(Page.Locator("[data-testid=bills][data-interactive=true]")).ToBeVisibleAsync();
        var unit = Page.Locator($"section[data-unit-id='{DemoGroup.NorthUnit101}']");
        await Assertions.Expect(unit.GetByTestId("balance")).ToContainTextAsync("CNY");
        await Assertions.Expect(unit).ToContainTextAsync("Visitor parking", new() { IgnoreCase = true });
        await AssertAccessibleAsync();

        await unit.Locator("fluent-button", new() { HasText = "online" }).DblClickAsync();

        var pending = unit.GetByTestId("payment-pending");
        await Assertions.Expect(pending).ToContainTextAsync("Waiting for the payment provider");
        var reference = Regex.Match(await pending.InnerTextAsync(), @"reference (dev_\w+)").Groups[1].Value;
        reference.Should().NotBeEmpty();
        (await ProviderPaymentsSinceAsync(DemoGroup.NorthUnit101, since)).Should().Be(1, "a double tap starts one payment");

        // The provider's page opens in a tab of its own, as a real provider's would; the app's tab waits for the outcome.
        var checkout = await Page.Context.RunAndWaitForPageAsync(() => unit.GetByTestId("provider-page").ClickAsync());
        await Assertions.Expect(checkout.GetByTestId("amount")).ToContainTextAsync("CNY");
        await checkout.GetByTestId("pay").ClickAsync();
        await Assertions.Expect(checkout.GetByTestId("outcome")).ToContainTextAsync("The payment is paid");
        await checkout.CloseAsync();

        var receipt = unit.GetByTestId("receipt");
        await Assertions.Expect(receipt).ToContainTextAsync(new Regex(@"Paid · receipt R\d{4}-\d{6}"));
        await Assertions.Expect(unit.GetByTestId("balance")).ToContainTextAsync("0.00 CNY");
        await AssertAccessibleAsync();
        await SaveDocumentationScreenshotAsync("owner-bills-phone.png");

        using var cashier = await System.ApiAsync("cashier.north", Ct);
        var payments = await cashier.GetFromJsonAsync<JsonElement>($"/api/billing/payments?unitId={DemoGroup.NorthUnit101}&limit=100", ApiJson.Options, Ct);
        var online = payments.GetProperty("items").EnumerateArray()
            .Where(p => p.GetProperty("method").GetString() == "online" && p.GetProperty("receivedAt").GetDateTimeOffset() >= since).ToList();
        var payment = online.Should().ContainSingle("billing booked the owner's payment once").Subject;
        var receiptNumber = payment.GetProperty("receiptNumber").GetString()!;
        await Assertions.Expect(receipt).ToContainTextAsync(receiptNumber);

        var pdf = await Page.APIRequest.GetAsync(await receipt.GetByTestId("receipt-pdf").GetAttributeAsync("href") ?? "");
        pdf.Status.Should().Be(200);
        pdf.Headers["content-type"].Should().Be("application/pdf");
        var bytes = await pdf.BodyAsync();
        Encoding.ASCII.GetString(bytes, 0, 5).Should().Be("%PDF-");
        Encoding.Latin1.GetString(bytes).Should().Contain(receiptNumber, "the receipt carries its number");
    }
}
