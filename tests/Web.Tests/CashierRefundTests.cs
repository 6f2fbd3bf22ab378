using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Controls;
using PropertyPlatform.Web.Components.Pages.Cashier;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// A payment taken in error, from the unit's payment list at the counter: the estate manager reverses it, a cashier pays
/// back a reversed payment's money (once per attempt: the same Idempotency-Key after a lost answer), and a cashier is
/// told that a payment not reversed is the estate manager's to reverse; billing's field errors show under their fields.
/// </summary>
public sealed class CashierRefundTests : GatewayPageTest
{
    private static readonly Guid Estate = Guid.NewGuid();
    private static readonly Guid Unit = Guid.NewGuid();
    private static readonly EstateTime Shanghai = new("Asia/Shanghai");
    private const string TooMuch = "Cannot be more than the 200.00 CNY refundable on the payment (its amount less what was refunded).";

    private readonly List<string?> _keys = [];
    private PaymentView _taken = Paid("R2026-000101", 200m);
    private int _refunds;
    private bool _loseFirstAnswer;
    private int _changed;

    public CashierRefundTests() => User.SetAuthorized("cashier.north").SetRoles(PlatformRoles.Cashier);

    private static PaymentView Paid(string receipt, decimal amount) =>
        new(Guid.NewGuid(), Estate, Unit, amount, "CNY", "cash", receipt, DateTimeOffset.UtcNow.AddHours(-2), "cashier.north", [new(Guid.NewGuid(), amount)], 0m);

    private IRenderedComponent<UnitPayments> Render()
    {
        var page = Context.Render<UnitPayments>(p => p.Add(c => c.UnitId, Unit).Add(c => c.Time, Shanghai).Add(c => c.Changed, () => _changed++));
        page.WaitForElement("[data-testid=payments]");
        return page;
    }

    private static async Task ChooseAsync(IRenderedComponent<UnitPayments> page)
    {
        await page.Find("[data-testid=choose-payment]").ClickAsync(new());
        page.WaitForElement("[data-testid=payment-status]");
    }

    private static async Task RefundAsync(IRenderedComponent<UnitPayments> page, string? amount = null, string? reason = null)
    {
        if (amount is not null)
        {
            await page.Find("#refund-amount").ChangeAsync(new ChangeEventArgs { Value = amount });
        }

        await page.Find("#refund-reason").ChangeAsync(new ChangeEventArgs { Value = reason ?? "Paid twice" });
        await page.Find("form[aria-labelledby=refund-title]").SubmitAsync();
    }

    [Fact]
    public async Task A_cashier_is_told_that_a_payment_not_reversed_is_the_estate_managers_to_reverse()
    {
        var page = Render();
        page.Find("[data-testid=payments]").TextContent.Should().Contain("R2026-000101").And.Contain("200.00 CNY");

        await ChooseAsync(page);

        page.Find("[data-testid=payment-status]").TextContent.Should().Contain("Not reversed.");
        page.FindAll("[data-testid=refund-needs-reversal]").Should().ContainSingle();
        page.FindAll("#refund-amount").Should().BeEmpty("a cashier refunds only a reversed payment");
        page.FindAll("#reversal-reason").Should().BeEmpty("reversing is the estate manager's");
    }

    [Fact]
    public async Task A_cashier_refunds_a_reversed_payment_once_with_its_key_and_sees_what_is_still_refundable()
    {
        _taken = _taken with { ReversedAt = DateTimeOffset.UtcNow.AddHours(-1), ReversalReason = "Wrong unit", Allocations = [] };
        var page = Render();
        await ChooseAsync(page);
        page.Find("#refund-amount").GetAttribute("value").Should().Be("200.00", "the whole reversed amount is refundable");

        await RefundAsync(page, amount: "150");

        Asked.Should().Contain($"/api/billing/payments/{_taken.Id}/refunds");
        JsonSerializer.Deserialize<RefundBody>(Sent.Should().ContainSingle().Subject, GatewayClient.Json).Should().Be(new RefundBody(150m, "cash", "Paid twice"));
        _keys.Should().ContainSingle().Which.Should().StartWith("cashier-refund-");
        page.WaitForAssertion(() => page.Find("[data-testid=payment-done]").TextContent.Should().Contain("Refunded 150.00 CNY by cash").And.Contain("still refundable: 50.00 CNY"));
        page.Find("[data-testid=payment-status]").TextContent.Should().Contain("Refunded so far: 150.00 CNY");
        page.Find("#refund-amount").GetAttribute("value").Should().Be("50.00");
        _changed.Should().Be(1, "the counter shows the account again");
    }

    [Fact]
    public async Task A_refund_whose_answer_was_lost_is_sent_again_with_the_same_key_even_with_another_reason_and_the_next_gets_a_new_one()
    {
        _taken = _taken with { ReversedAt = DateTimeOffset.UtcNow.AddHours(-1), ReversalReason = "Wrong unit", Allocations = [] };
        _loseFirstAnswer = true;
        var page = Render();
        await ChooseAsync(page);

        await RefundAsync(page, amount: "100");
        page.WaitForAssertion(() => page.Find(".plain-message").Should().NotBeNull());
        await RefundAsync(page, reason: "Paid twice, at the counter");
        page.WaitForAssertion(() => page.Find("[data-testid=payment-done]").Should().NotBeNull());
        await RefundAsync(page, amount: "100");

        _keys.Should().HaveCount(3);
        _keys[1].Should().Be(_keys[0], "billing knows a refund by its payment, amount and channel: the reason does not make another one");
        _keys[2].Should().NotBe(_keys[1], "the refund went through: the next one is another refund");
    }

    [Fact]
    public async Task Billings_error_about_the_amount_shows_under_the_refund_amount_field()
    {
        _taken = _taken with { ReversedAt = DateTimeOffset.UtcNow.AddHours(-1), ReversalReason = "Wrong unit", Allocations = [] };
        var page = Render();
        await ChooseAsync(page);

        await RefundAsync(page, amount: "250");

        page.WaitForAssertion(() => page.Find("#refund-amount-field").TextContent.Should().Contain(TooMuch));
        page.FindAll("[data-testid=payment-done]").Should().BeEmpty();
        _changed.Should().Be(0);
    }

    [Fact]
    public async Task The_estate_manager_reverses_a_payment_taken_in_error_and_can_then_refund_it()
    {
        User.SetRoles(PlatformRoles.EstateManager);
        var page = Render();
        await ChooseAsync(page);

        await page.Find("#reversal-reason").ChangeAsync(new ChangeEventArgs { Value = "Taken for the wrong unit" });
        await page.Find("form[aria-labelledby=reversal-title]").SubmitAsync();

        Asked.Should().Contain($"/api/billing/payments/{_taken.Id}/reversal");
        JsonSerializer.Deserialize<ReversalBody>(Sent.Should().ContainSingle().Subject, GatewayClient.Json).Should().Be(new ReversalBody("Taken for the wrong unit"));
        page.WaitForAssertion(() => page.Find("[data-testid=payment-status]").TextContent.Should().Contain("Reversed at").And.Contain("Taken for the wrong unit"));
        page.Find("#refund-amount").GetAttribute("value").Should().Be("200.00");
        page.FindAll("#reversal-reason").Should().BeEmpty("a payment is reversed once");
        _changed.Should().Be(1, "the items it paid are open again on the account");
    }

    [Fact]
    public async Task A_reversal_without_a_reason_shows_billings_error_under_the_reason_field()
    {
        User.SetRoles(PlatformRoles.EstateManager);
        var page = Render();
        await ChooseAsync(page);

        await page.Find("form[aria-labelledby=reversal-title]").SubmitAsync();

        page.WaitForAssertion(() => page.Find("#reversal-reason-field").TextContent.Should().Contain("Required."));
    }


    protected override object? Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        var text = request.Content?.ReadAsStringAsync().GetAwaiter().GetResult();
        if (path == $"/api/billing/payments/{_taken.Id}/refunds")
        {
            _keys.Add(request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null);
            var body = JsonSerializer.Deserialize<RefundBody>(text!, GatewayClient.Json)!;
            var refundable = _taken.Amount - _taken.Refunded;
            if (body.Amount > refundable)
            {
                return FieldProblem("amount", TooMuch);
            }

            if (_loseFirstAnswer && ++_refunds == 1)
            {
                return new HttpResponseMessage(HttpStatusCode.BadGateway);
            }

            _taken = _taken with { Refunded = _taken.Refunded + body.Amount!.Value };
            var refund = new RefundView(Guid.NewGuid(), _taken.Id, Unit, body.Amount!.Value, "CNY", body.Method!, body.Reason!, "cashier.north", DateTimeOffset.UtcNow,
                refundable - body.Amount.Value);
            return new HttpResponseMessage(HttpStatusCode.Created) { Content = JsonContent.Create(refund, options: GatewayClient.Json) };
        }

        if (path == $"/api/billing/payments/{_taken.Id}/reversal")
        {
            var reason = JsonSerializer.Deserialize<ReversalBody>(text!, GatewayClient.Json)!.Reason;
            if (reason is null)
            {
                return FieldProblem("reason", "Required.");
            }

            _taken = _taken with { ReversedAt = DateTimeOffset.UtcNow, ReversalReason = reason };
            return _taken;
        }

        return path switch
        {
            "/api/billing/payments" => new PageOf<PaymentView>([_taken with { ReversedAt = null, ReversalReason = null, Refunded = 0m }], null),
            var p when p == $"/api/billing/payments/{_taken.Id}" => _taken,
            _ => null,
        };
    }
}
