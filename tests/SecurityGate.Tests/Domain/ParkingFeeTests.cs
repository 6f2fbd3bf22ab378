using PropertyPlatform.SecurityGate.Domain;

namespace PropertyPlatform.SecurityGate.Tests.Domain;

public sealed class ParkingFeeTests
{
    private static readonly DateTimeOffset Entered = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);

    private static ParkingTariff Tariff(int freeMinutes = 120, decimal hourlyRate = 5m)
    {
        var tariff = ParkingTariff.For(Guid.NewGuid());
        tariff.Set(freeMinutes, hourlyRate, "CNY", Entered);
        return tariff;
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(120, 0)]
    [InlineData(121, 5)]
    [InlineData(180, 5)]
    [InlineData(181, 10)]
    [InlineData(24 * 60, 110)]
    public void A_stay_within_the_free_period_is_free_and_each_started_hour_past_it_costs_the_rate(int minutes, decimal fee) =>
        Tariff().FeeFor(TimeSpan.FromMinutes(minutes)).Should().Be(fee);

    [Fact]
    public void A_visitor_stay_records_its_duration_and_fee_in_the_tariffs_currency()
    {
        var session = ParkingSession.Enter(Guid.NewGuid(), Guid.NewGuid(), "京A12345", VehicleKind.Visitor, Entered, "guard");

        session.Exit(Entered.AddMinutes(150), Tariff(), "guard").Should().BeTrue();

        session.DurationMinutes.Should().Be(150);
        session.Fee.Should().Be(5m);
        session.Currency.Should().Be("CNY");
    }

    [Fact]
    public void A_residents_stay_is_never_charged()
    {
        var session = ParkingSession.Enter(Guid.NewGuid(), Guid.NewGuid(), "京A12345", VehicleKind.Resident, Entered, "guard");

        session.Exit(Entered.AddDays(3), Tariff(), "guard");

        session.DurationMinutes.Should().Be(3 * 24 * 60);
        session.Fee.Should().BeNull();
    }

    [Fact]
    public void A_stay_exits_once()
    {
        var session = ParkingSession.Enter(Guid.NewGuid(), Guid.NewGuid(), "京A12345", VehicleKind.Visitor, Entered, "guard");

        session.Exit(Entered.AddHours(5), Tariff(), "guard").Should().BeTrue();
        session.Exit(Entered.AddHours(6), Tariff(), "guard").Should().BeFalse();
        session.DurationMinutes.Should().Be(300);
    }

    [Theory]
    [InlineData("京A 12345", "京A12345")]
    [InlineData("粤b·d1234-5", "粤BD12345")]
    public void Plates_are_compared_without_spaces_separators_or_case(string written, string normalized) =>
        PropertyPlatform.ServiceDefaults.Http.InputErrors.NormalizePlate(written).Should().Be(normalized);
}
