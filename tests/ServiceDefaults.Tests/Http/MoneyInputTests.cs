using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.ServiceDefaults.Tests.Http;

public sealed class MoneyInputTests
{
    private static IDictionary<string, string[]> ErrorsOf(InputErrors errors)
    {
        var act = errors.ThrowIfAny;
        return act.Should().Throw<ValidationFailedException>().Which.Errors;
    }

    [Theory]
    [InlineData("12.34", 12.34)]
    [InlineData("12.50", 12.5)]
    [InlineData("12.500", 12.5)]
    [InlineData("0", 0)]
    public void An_amount_in_CNY_with_at_most_two_decimals_is_accepted_unchanged(string text, double expected)
    {
        var errors = new InputErrors();

        errors.Money(text, "CNY", "amount", max: 100_000m).Should().Be((decimal)expected);
        errors.ThrowIfAny();
    }

    [Fact]
    public void A_charge_in_CNY_with_three_decimals_is_refused_not_rounded()
    {
        var errors = new InputErrors();

        errors.Money(12.345m, "CNY", "amount", max: 100_000m);

        ErrorsOf(errors)["amount"].Should().ContainSingle().Which.Should().Contain("2 decimals");
    }

    [Fact]
    public void A_yen_amount_with_any_decimals_is_refused()
    {
        var errors = new InputErrors();

        errors.Money(100.5m, "JPY", "fee", max: 1_000_000m);

        ErrorsOf(errors)["fee"].Should().ContainSingle().Which.Should().Contain("0 decimals");
    }

    [Fact]
    public void A_negative_amount_is_refused_unless_the_caller_allows_negatives()
    {
        var refusing = new InputErrors();
        refusing.Money(-5m, "CNY", "amount", max: 1000m);
        ErrorsOf(refusing).Keys.Should().Equal("amount");

        var allowing = new InputErrors();
        allowing.Money(-5m, "CNY", "correction", max: 1000m, allowNegative: true).Should().Be(-5m);
        allowing.ThrowIfAny();
    }

    [Fact]
    public void An_amount_above_the_upper_bound_is_refused_naming_the_limit()
    {
        var errors = new InputErrors();

        errors.Money(1000.01m, "CNY", "amount", max: 1000m);

        ErrorsOf(errors)["amount"].Should().ContainSingle().Which.Should().Contain("1000");
    }

    [Fact]
    public void A_missing_or_unreadable_amount_is_refused_naming_the_field()
    {
        var errors = new InputErrors();
        errors.Money((decimal?)null, "CNY", "deposit", max: 1000m);
        errors.Money("12,50", "CNY", "parkingFee", max: 1000m);
        errors.Money("1e3", "CNY", "waterFee", max: 10_000m);

        ErrorsOf(errors).Keys.Should().BeEquivalentTo(["deposit", "parkingFee", "waterFee"]);
    }

    [Fact]
    public void An_amount_in_a_currency_the_platform_does_not_accept_is_refused()
    {
        var errors = new InputErrors();

        errors.Money(10m, "XYZ", "amount", max: 1000m);
        errors.Currency("xyz", "currency");

        ErrorsOf(errors).Keys.Should().BeEquivalentTo(["amount", "currency"]);
    }

    [Fact]
    public void An_accepted_currency_is_returned_as_its_code()
    {
        var errors = new InputErrors();

        errors.Currency(" CNY ", "currency").Should().Be("CNY");
        errors.ThrowIfAny();
    }
}
