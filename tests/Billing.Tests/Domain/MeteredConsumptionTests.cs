using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Tests.Domain;

public sealed class MeteredConsumptionTests
{
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly DateOnly December = new(2026, 12, 1);
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static Rate Approved(decimal amount, DateOnly from)
    {
        var rate = Rate.Propose(Guid.NewGuid(), FeeItem.Electricity, amount, "CNY", from, "manager", Now);
        rate.Approve("admin", Now);
        return rate;
    }

    private static MeterReading Read(decimal value, DateOnly on, int recordedMinutesLater = 0) =>
        MeterReading.Record(Guid.Empty, Guid.Empty, Meter.Electricity, value, on, MeterReadingSource.Staff, "cashier", Now.AddMinutes(recordedMinutesLater));

    private static (MeteredOutcome Outcome, ComputedLine? Line) Bill(params MeterReading[] readings) =>
        MeteredConsumption.Bill(Meter.Electricity, November, December, readings, [Approved(0.6m, new(2026, 1, 1)), Approved(0.8m, new(2026, 11, 16))], "CNY");

    [Fact]
    public void A_rate_that_changes_inside_the_period_bills_all_of_it_at_the_rate_in_force_on_the_closing_reading_day()
    {
        var (_, line) = Bill(Read(1000m, new(2026, 10, 31)), Read(1100m, new(2026, 11, 30)));

        (line!.Rate, line.Amount).Should().Be((0.8m, 80m));
        line.Explanation.Should().Be("electricity 2026-11-01..2026-11-30: 1000.000 (2026-10-31) → 1100.000 (2026-11-30) = 100.000 kWh × 0.80 CNY");
    }

    [Fact]
    public void Closing_before_the_rate_change_bills_at_the_older_rate()
    {
        var (_, line) = Bill(Read(1000m, new(2026, 10, 31)), Read(1100m, new(2026, 11, 15)));

        (line!.Rate, line.Amount).Should().Be((0.6m, 60m));
    }

    [Fact]
    public void The_opening_is_the_last_reading_before_the_period_so_consecutive_periods_chain()
    {
        var (_, line) = Bill(Read(900m, new(2026, 10, 1)), Read(1000m, new(2026, 10, 31)), Read(1010m, new(2026, 11, 1)), Read(1050m, new(2026, 11, 30)));

        line!.Quantity.Should().Be(50m, "from the October closing reading, 1000, not the reading on the 1st");
    }

    [Fact]
    public void Without_a_reading_before_the_period_the_first_one_inside_it_opens()
    {
        var (_, line) = Bill(Read(10m, new(2026, 11, 5)), Read(12.345m, new(2026, 11, 20)));

        (line!.Quantity, line.Amount, line.Days).Should().Be((2.345m, 1.88m, 15), "2.345 × 0.80 = 1.876, rounded once");
    }

    [Fact]
    public void Of_two_readings_of_the_closing_day_the_one_recorded_last_counts()
    {
        var (_, line) = Bill(Read(10m, new(2026, 10, 31)), Read(20m, new(2026, 11, 30)), Read(25m, new(2026, 11, 30), recordedMinutesLater: 5));

        line!.Quantity.Should().Be(15m);
    }

    [Fact]
    public void Fewer_than_two_readings_going_down_or_nothing_used_bill_nothing()
    {
        Bill(Read(10m, new(2026, 10, 31))).Should().Be((MeteredOutcome.LacksReadings, (ComputedLine?)null));
        Bill(Read(10m, new(2026, 11, 30))).Should().Be((MeteredOutcome.LacksReadings, (ComputedLine?)null));
        Bill(Read(10m, new(2026, 10, 1)), Read(11m, new(2026, 10, 31))).Outcome.Should().Be(MeteredOutcome.LacksReadings);
        Bill(Read(10m, new(2026, 10, 31)), Read(9m, new(2026, 11, 30))).Outcome.Should().Be(MeteredOutcome.ReadingsGoDown);
        Bill(Read(10m, new(2026, 10, 31)), Read(10m, new(2026, 11, 30))).Outcome.Should().Be(MeteredOutcome.NothingUsed);
    }
}
