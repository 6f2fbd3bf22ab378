using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class ParcelTests
{
    private static readonly DateTimeOffset Arrival = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Parcel NewParcel() => Parcel.Receive(Guid.NewGuid(), Guid.NewGuid(), " SF Express ", "SF1234567", "A-3", Arrival, "clerk-1");

    [Fact]
    public void A_parcel_is_collected_once()
    {
        var parcel = NewParcel();

        parcel.Collect("Zhang Min", "clerk-2", Arrival.AddHours(5)).Should().BeTrue();
        parcel.Collect("Someone else", "clerk-3", Arrival.AddHours(6)).Should().BeFalse();

        parcel.CollectedBy.Should().Be("Zhang Min");
        parcel.HandedOverBy.Should().Be("clerk-2");
        parcel.CollectedAt.Should().Be(Arrival.AddHours(5));
        parcel.Carrier.Should().Be("SF Express");
    }

    [Fact]
    public void A_parcel_cannot_be_collected_before_it_arrived()
    {
        var collect = () => NewParcel().Collect("Zhang Min", "clerk-2", Arrival.AddMinutes(-1));

        collect.Should().Throw<ArgumentException>();
    }
}
