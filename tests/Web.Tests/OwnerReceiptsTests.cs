using Bunit;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Owner.Money;

namespace PropertyPlatform.Web.Tests;

/// <summary>The owner's receipt history on their unit's bills: every payment billing took for the unit, newest first, a page at a time, each with its PDF.</summary>
public sealed class OwnerReceiptsTests : GatewayPageTest
{
    private static readonly OwnUnitView Unit = new(Guid.NewGuid(), Guid.NewGuid(), "North Garden", "Asia/Shanghai", "1", "101");
    private static readonly PaymentView Newer = Paid("R2026-000012", 320.50m, new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
    private static readonly PaymentView Older = Paid("R2026-000003", 280m, new DateTimeOffset(2026, 10, 28, 9, 30, 0, TimeSpan.Zero));

    public OwnerReceiptsTests() => User.SetAuthorized("owner-13800000000");

    private static PaymentView Paid(string receipt, decimal amount, DateTimeOffset at) =>
        new(Guid.NewGuid(), Unit.EstateId, Unit.Id, amount, "CNY", "online", receipt, at, "owner", [], 0m);

    [Fact]
    public async Task The_owner_sees_the_units_receipts_newest_first_each_with_its_PDF_and_pages_to_older_ones()
    {
        var page = Context.Render<UnitBills>(p => p.Add(c => c.Unit, Unit));

        page.WaitForAssertion(() => page.FindAll("[data-testid=receipts] li").Should().ContainSingle());
        var first = page.Find($"li[data-payment-id='{Newer.Id}']");
        first.TextContent.Should().Contain("R2026-000012").And.Contain("10:00", "shown in the estate's time (02:00 UTC)");
        first.QuerySelector("a")!.GetAttribute("href").Should().Be(ReceiptDownload.Path(Newer.Id));

        await page.Find("[data-testid=more-receipts]").ClickAsync(new());

        page.WaitForAssertion(() => page.FindAll("[data-testid=receipts] li").Select(li => li.GetAttribute("data-payment-id"))
            .Should().Equal(Newer.Id.ToString(), Older.Id.ToString()));
        page.FindAll("[data-testid=more-receipts]").Should().BeEmpty("there is nothing older");
        Asked.Should().Contain($"/api/billing/payments?unitId={Unit.Id}&limit=6").And.Contain($"/api/billing/payments?unitId={Unit.Id}&limit=6&cursor=page-2");
    }

    protected override object? Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        var query = Uri.UnescapeDataString(request.RequestUri.Query);
        return path switch
        {
            var p when p == $"/api/billing/units/{Unit.Id}/account" => new AccountView(Unit.Id, Unit.EstateId, "101", Guid.NewGuid(), "CNY", 0m, 0m, []),
            "/api/billing/bills" => new PageOf<BillView>([], null),
            "/api/billing/payments" when query.Contains("cursor=page-2", StringComparison.Ordinal) => new PageOf<PaymentView>([Older], null),
            "/api/billing/payments" => new PageOf<PaymentView>([Newer], "page-2"),
            _ => null,
        };
    }
}
