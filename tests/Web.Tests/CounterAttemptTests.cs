using PropertyPlatform.Web.Components.Pages.Cashier;

namespace PropertyPlatform.Web.Tests;

public sealed class CounterAttemptTests
{
    private static readonly Guid Unit = Guid.Parse("0197a000-0000-7000-8000-000000000101");

    [Fact]
    public void Sending_the_same_payment_again_keeps_its_key_so_billing_books_it_once()
    {
        var attempt = new CounterAttempt();

        var first = attempt.KeyFor(Unit, 120.50m, "cash");

        attempt.KeyFor(Unit, 120.50m, "cash").Should().Be(first);
        attempt.KeyFor(Unit, 120.5m, "cash").Should().Be(first, "12.5 and 12.50 are the same payment to billing");
    }

    [Fact]
    public void Changing_the_amount_or_the_method_is_another_payment_with_a_new_key()
    {
        var attempt = new CounterAttempt();
        var cash = attempt.KeyFor(Unit, 120.50m, "cash");

        var card = attempt.KeyFor(Unit, 120.50m, "card");
        var less = attempt.KeyFor(Unit, 100m, "card");

        new[] { cash, card, less }.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void After_a_payment_went_through_the_next_identical_one_is_a_new_payment()
    {
        var attempt = new CounterAttempt();
        var paid = attempt.KeyFor(Unit, 13.00m, "card");

        attempt.Completed();

        attempt.KeyFor(Unit, 13.00m, "card").Should().NotBe(paid);
    }
}
