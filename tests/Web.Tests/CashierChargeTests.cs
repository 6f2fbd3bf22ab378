using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Cashier;
using PropertyPlatform.Web.SignIn;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// The cashier raises a charge on the unit found at the counter: booked once per attempt (the same Idempotency-Key when
/// an answer was lost, a new one for the next charge), then on the account with the amount to pay; billing's field
/// errors show under their fields. The unit's credit is applied to its open items with one click.
/// </summary>
public sealed class CashierChargeTests : GatewayPageTest
{
    private static readonly Guid Estate = Guid.NewGuid();
    private static readonly Guid Unit = Guid.NewGuid();
    private static readonly Guid Unit102 = Guid.NewGuid();
    private const string DescriptionRequired = "Required.";

    private readonly List<string?> _keys = [];
    private readonly List<OpenItemView> _items = [new(Guid.NewGuid(), "management-fee", "Management fee 2026-11", 120m, 120m, new DateOnly(2026, 11, 30), "billing-run", Guid.NewGuid())];
    private decimal _credit;
    private int _charges;
    private bool _loseFirstAnswer;
    private bool _sessionLost;
    private readonly List<PaymentView> _payments = [];

    public CashierChargeTests()
    {
        // The subject keys the cashier's drafts (FormDrafts).
        User.SetAuthorized("cashier.north").SetClaims(new Claim(PlatformClaims.Subject, "cashier.north"));
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"cashier/counter?estate={Estate}");
    }

    private AccountView Account() => new(Unit, Estate, "101", Guid.NewGuid(), "CNY", _items.Sum(i => i.Outstanding), _credit, [.. _items]);

    private async Task<IRenderedComponent<Counter>> FoundAsync(string number = "101")
    {
        var page = Context.Render<Counter>();
        page.WaitForElement("form[data-interactive=true]");
        await page.Find("#number").ChangeAsync(new ChangeEventArgs { Value = number });
        await page.Find("form").SubmitAsync();
        page.WaitForElement(".cashier-charge form[data-interactive=true]");
        return page;
    }

    private static async Task RaiseAsync(IRenderedComponent<Counter> page, string? description, string amount, string? feeItem = null)
    {
        if (feeItem is not null)
        {
            var option = page.FindAll("#charge-feeItem fluent-option").Single(o => o.TextContent.Trim() == feeItem);
            await page.Find("#charge-feeItem").TriggerEventAsync("ondropdownchange", new DropdownEventArgs { Id = "charge-feeItem", SelectedOptions = option.Id });
        }

        await page.Find("#charge-description").ChangeAsync(new ChangeEventArgs { Value = description });
        await page.Find("#charge-amount").ChangeAsync(new ChangeEventArgs { Value = amount });
        await page.Find(".cashier-charge form").SubmitAsync();
    }

    [Fact]
    public async Task A_charge_raised_at_the_counter_is_sent_once_with_its_key_and_shows_on_the_account_ready_to_pay()
    {
        var page = await FoundAsync();

        await RaiseAsync(page, "Replacement key card", "35.00", feeItem: "Paid service");

        Asked.Should().Contain("/api/billing/charges");
        JsonSerializer.Deserialize<StaffChargeBody>(Sent.Should().ContainSingle().Subject, GatewayClient.Json)
            .Should().Be(new StaffChargeBody(Unit, "paid-service", 35.00m, "Replacement key card", null));
        _keys.Should().ContainSingle().Which.Should().StartWith("cashier-charge-");
        page.WaitForAssertion(() => page.Find("[data-testid=charge-raised]").TextContent.Should().Contain("Replacement key card").And.Contain("35.00 CNY"));
        page.Find("table.queue").TextContent.Should().Contain("Replacement key card", "the account shows the new open item");
        page.Find("[data-testid=balance]").TextContent.Should().Contain("155.00 CNY");
        page.Find("#amount").GetAttribute("value").Should().Be("155.00", "the amount to pay includes the charge");
        page.Find("#charge-description").GetAttribute("value").Should().BeNullOrEmpty("the form is ready for the next charge");
    }

    [Fact]
    public async Task A_charge_whose_answer_was_lost_is_sent_again_with_the_same_key_and_the_next_charge_gets_a_new_one()
    {
        _loseFirstAnswer = true;
        var page = await FoundAsync();

        await RaiseAsync(page, "Cleaning after renovation", "80");
        page.WaitForAssertion(() => page.Find(".cashier-charge .plain-message").Should().NotBeNull());
        await page.Find(".cashier-charge form").SubmitAsync();
        page.WaitForAssertion(() => page.Find("[data-testid=charge-raised]").Should().NotBeNull());
        await RaiseAsync(page, "Cleaning after renovation", "80");

        _keys.Should().HaveCount(3);
        _keys[1].Should().Be(_keys[0], "the gateway lost the first answer: sending the same charge again is the same charge");
        _keys[2].Should().NotBe(_keys[1], "the charge went through: the next one, even if the same, is another charge");
    }

    [Fact]
    public async Task Billings_error_about_the_description_shows_under_the_description_field_and_nothing_is_booked()
    {
        var page = await FoundAsync();

        await RaiseAsync(page, null, "35");

        page.WaitForAssertion(() => page.Find("#charge-description-field").TextContent.Should().Contain(DescriptionRequired));
        page.FindAll("[data-testid=charge-raised]").Should().BeEmpty();
        page.Find("[data-testid=balance]").TextContent.Should().Contain("120.00 CNY");
    }

    [Fact]
    public async Task An_amount_that_is_not_a_number_is_shown_under_the_amount_field_before_anything_is_sent()
    {
        var page = await FoundAsync();

        await RaiseAsync(page, "Key card", "thirty");

        page.WaitForAssertion(() => page.Find("#charge-amount-field").TextContent.Should().Contain("Enter an amount such as 120.50."));
        Asked.Should().NotContain("/api/billing/charges");
    }

    [Fact]
    public async Task The_cashier_applies_the_units_credit_to_its_open_items_and_sees_what_is_left_to_pay()
    {
        _credit = 50m;
        var page = await FoundAsync();
        page.Find("[data-testid=credit]").TextContent.Should().Contain("50.00 CNY");

        await page.Find("[data-testid=apply-credit]").ClickAsync(new());

        Asked.Should().Contain($"/api/billing/units/{Unit}/account/apply-credit");
        page.WaitForAssertion(() => page.Find("[data-testid=balance]").TextContent.Should().Contain("70.00 CNY"));
        page.FindAll("[data-testid=apply-credit]").Should().BeEmpty("no credit is left");
        page.Find("#amount").GetAttribute("value").Should().Be("70.00");
    }

    [Fact]
    public async Task A_payment_taken_at_the_counter_is_listed_among_the_units_payments_to_refund_or_reverse()
    {
        var page = await FoundAsync();
        page.WaitForAssertion(() => page.Markup.Should().Contain("No payments have been taken for this unit."));

        await page.FindAll("fluent-button").Single(b => b.TextContent.Trim() == "Paid in cash").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=payments]").TextContent.Should().Contain("R2026-000001").And.Contain("120.00 CNY"));
        Asked.Count(a => a.StartsWith("/api/billing/payments?unitId=", StringComparison.Ordinal)).Should().Be(2, "listed when the unit was found, and again once it paid");
    }

    [Fact]
    public async Task Without_credit_there_is_nothing_to_apply()
    {
        var page = await FoundAsync();

        page.FindAll("[data-testid=apply-credit]").Should().BeEmpty();
    }

    [Fact]
    public async Task A_charge_sent_after_the_session_was_lost_is_put_back_when_the_cashier_finds_the_unit_again()
    {
        _sessionLost = true;
        var before = await FoundAsync();
        await RaiseAsync(before, "Replacement key card", "35.00");
        _sessionLost = false;

        var back = await FoundAsync();

        back.WaitForAssertion(() => back.Find("#charge-description").GetAttribute("value").Should().Be("Replacement key card"));
        back.Find("#charge-amount").GetAttribute("value").Should().Be("35.00");
        back.FindAll(".cashier-charge [data-testid=draft-restored]").Should().ContainSingle();
        _keys.Should().BeEmpty("nothing reached billing");
    }

    [Fact]
    public async Task A_charge_kept_for_one_unit_is_never_put_on_another_unit()
    {
        _sessionLost = true;
        var before = await FoundAsync();
        await RaiseAsync(before, "Replacement key card", "35.00");
        _sessionLost = false;

        var other = await FoundAsync("102");

        other.Find("[data-testid=balance]").TextContent.Should().Contain("0.00 CNY");
        other.Find("#charge-description").GetAttribute("value").Should().BeNullOrEmpty();
        other.FindAll("[data-testid=draft-restored]").Should().BeEmpty();
    }

    [Fact]
    public async Task A_payment_sent_after_the_session_was_lost_comes_back_on_the_unit_found_again_with_the_amount_typed()
    {
        _sessionLost = true;
        var before = await FoundAsync();
        await before.Find("#amount").ChangeAsync(new ChangeEventArgs { Value = "80.00" });
        await before.FindAll("fluent-button").Single(b => b.TextContent.Trim() == "Paid in cash").ClickAsync(new());
        _sessionLost = false;

        var back = Context.Render<Counter>();

        back.WaitForElement("[data-testid=draft-restored]");
        back.WaitForAssertion(() => back.Find("[data-testid=balance]").TextContent.Should().Contain("120.00 CNY"));
        back.Find("#number").GetAttribute("value").Should().Be("101");
        back.Find("#amount").GetAttribute("value").Should().Be("80.00", "not the balance the account would fill in");
        Asked.Count(a => a.StartsWith("/api/billing/units/account?", StringComparison.Ordinal)).Should().Be(2, "the unit is found again, as billing has it now");
        _payments.Should().BeEmpty("nothing reached billing");
    }

    protected override object? Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path == "/api/billing/charges")
        {
            if (_sessionLost)
            {
                throw new SessionLostException("The session's tokens are gone.");
            }

            _keys.Add(request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null);
            var body = JsonSerializer.Deserialize<StaffChargeBody>(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult(), GatewayClient.Json)!;
            if (body.Description is null)
            {
                return FieldProblem("description", DescriptionRequired);
            }

            if (_loseFirstAnswer && ++_charges == 1)
            {
                return new HttpResponseMessage(HttpStatusCode.BadGateway);
            }

            var charge = new ChargeView(Guid.NewGuid(), Estate, Unit, body.FeeItem ?? "other", body.Description, body.Amount!.Value, "CNY", body.DueOn ?? new DateOnly(2026, 12, 4), DateTimeOffset.UtcNow);
            _items.Add(new OpenItemView(charge.Id, charge.FeeItem, charge.Description, charge.Amount, charge.Amount, charge.DueOn, "billing-staff", Guid.NewGuid()));
            return new HttpResponseMessage(HttpStatusCode.Created) { Content = JsonContent.Create(charge, options: GatewayClient.Json) };
        }

        if (path == "/api/billing/payments/counter")
        {
            if (_sessionLost)
            {
                throw new SessionLostException("The session's tokens are gone.");
            }

            var body = JsonSerializer.Deserialize<CounterPaymentBody>(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult(), GatewayClient.Json)!;
            var paid = new PaymentView(Guid.NewGuid(), Estate, Unit, body.Amount!.Value, "CNY", body.Method!, $"R2026-{_payments.Count + 1:000000}", DateTimeOffset.UtcNow,
                "cashier.north", [new(_items[0].Id, body.Amount.Value)], 0m);
            _payments.Add(paid);
            _items.Clear();
            return new HttpResponseMessage(HttpStatusCode.Created) { Content = JsonContent.Create(paid, options: GatewayClient.Json) };
        }

        if (path == $"/api/billing/units/{Unit}/account/apply-credit")
        {
            var item = _items[0];
            _items[0] = item with { Outstanding = item.Outstanding - _credit };
            _credit = 0m;
            return Account();
        }

        return path switch
        {
            var p when p == $"/api/reception/estates/{Estate}" => new EstateView(Estate, "North Garden", "Asia/Shanghai"),
            "/api/billing/units/account" when request.RequestUri.Query.EndsWith("number=102", StringComparison.Ordinal) =>
                new AccountView(Unit102, Estate, "102", null, "CNY", 0m, 0m, []),
            "/api/billing/units/account" => Account(),
            var p when p == $"/api/billing/units/{Unit}/account" => Account(),
            var p when p == $"/api/billing/units/{Unit}/meter-readings" => new PageOf<MeterReadingView>([], null),
            var p when p == $"/api/billing/units/{Unit}/parking-rentals" => new PageOf<ParkingRentalView>([], null),
            "/api/billing/payments" => new PageOf<PaymentView>([.. Enumerable.Reverse(_payments)], null),
            _ => null,
        };
    }
}
