using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Desk.MoveIn;

namespace PropertyPlatform.Web.Tests;

public sealed class MoveInFormTests
{
    [Fact]
    public void Readings_and_keys_are_sent_as_numbers_and_an_empty_reading_as_none()
    {
        var unit = Guid.NewGuid();
        var form = new MoveInForm { UnitId = unit.ToString(), MovedInOn = "2026-12-01", KeysHandedOver = "3", Water = " 12.345", Electricity = "1024.5" };

        var body = form.ToBody(Guid.Empty);

        body.UnitId.Should().Be(unit);
        body.KeysHandedOver.Should().Be(3);
        body.MeterReadings.Should().Be(new MoveInReadingsBody(12.345m, 1024.5m, null));
        body.Residents.Should().ContainSingle().Which.Kind.Should().Be("Tenant");
        form.Unreadable("not a number").Should().BeEmpty();
    }

    [Fact]
    public void A_reading_that_is_not_a_number_is_refused_beside_its_field_rather_than_sent_as_no_reading()
    {
        var form = new MoveInForm { KeysHandedOver = "three", Water = "12.3", Gas = "1,5" };

        form.Unreadable("not a number").Keys.Should().BeEquivalentTo("keysHandedOver", "meterReadings.gas");
    }
}
