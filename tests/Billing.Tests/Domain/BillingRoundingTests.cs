using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Tests.Domain;

public sealed class BillingRoundingTests
{
    [Theory]
    [InlineData("1.005", "1.01")]
    [InlineData("2.345", "2.35")]
    [InlineData("-1.005", "-1.01")]
    [InlineData("1.0049", "1.00")]
    public void Half_a_fen_rounds_away_from_zero_in_CNY(string exact, string rounded) =>
        BillingRounding.Round(decimal.Parse(exact, System.Globalization.CultureInfo.InvariantCulture), "CNY")
            .Should().Be(decimal.Parse(rounded, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void A_currency_without_minor_units_rounds_to_whole_yen()
    {
        BillingRounding.Round(100.5m, "JPY").Should().Be(101m);
        BillingRounding.Round(100.49m, "JPY").Should().Be(100m);
    }

    [Fact]
    public void An_amount_is_shown_with_exactly_the_currencys_decimals()
    {
        BillingRounding.Format(180m, "CNY").Should().Be("180.00");
        BillingRounding.Format(1800m, "JPY").Should().Be("1800");
    }

    [Fact]
    public void A_currency_the_platform_does_not_accept_has_no_rounding_rule() =>
        FluentActions.Invoking(() => BillingRounding.Round(1m, "XXX")).Should().Throw<InvalidOperationException>();
}
