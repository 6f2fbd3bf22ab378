using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Tests.Domain;

public sealed class ReceiptNumberTests
{
    [Fact]
    public void A_receipt_number_names_the_year_and_its_place_in_the_year() =>
        ReceiptNumbers.Format(2026, 42).Should().Be("R2026-000042");
}
