using PropertyPlatform.Billing.Domain;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Billing.Tests.Domain;

/// <summary>The day's cash deposited by 17:00, when cash keeps coming after a deposit covered it.</summary>
public sealed class CashDepositDeadlineTests
{
    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays(BillingService.TimeZoneId, new(8, 30), new(17, 30));
    private static readonly DateOnly Day = new(2026, 12, 3);

    private static DateTimeOffset At(int hour, int minute = 0, int days = 0) => Shanghai.ToInstant(Day.AddDays(days), new TimeOnly(hour, minute));

    /// <summary>100.00 taken at 09:00 and deposited at 15:00: the deadline is met.</summary>
    private static CashierDay DepositedAt1500()
    {
        var day = CashierDay.Open(Guid.NewGuid(), "cashier-1", Day, Shanghai, At(9));
        day.RecordDeposit(100m, "CNY", "SLIP-1", "cashier-1", cashTaken: 100m, At(15));
        day.Deposit.Met.Should().BeTrue();
        return day;
    }

    [Fact]
    public void Cash_taken_after_a_covering_deposit_must_be_deposited_by_1700_too_or_it_is_a_breach()
    {
        var day = DepositedAt1500();

        day.CashTaken(150m, Shanghai, At(16));

        day.Deposit.Met.Should().BeFalse("50.00 taken at 16:00 is in the drawer");
        day.Deposit.DueAt.Should().Be(At(17), "the same day's 17:00");
        day.Deposit.Evaluate(CashierDeadlines.DepositBy1700, At(17, 1)).OfType<SlaBreachedAt>().Should().ContainSingle()
            .Which.Role.Should().Be(ServiceDefaults.Security.PlatformRoles.EstateManager);
    }

    [Fact]
    public void Cash_taken_after_1700_is_due_by_the_next_days_1700_and_a_deposit_then_meets_it()
    {
        var day = DepositedAt1500();

        day.CashTaken(130m, Shanghai, At(18));

        day.Deposit.DueAt.Should().Be(At(17, days: 1), "cash that came after 17:00 could not be late for it");
        day.Deposit.Evaluate(CashierDeadlines.DepositBy1700, At(18, 1)).Should().BeEmpty();
        day.RecordDeposit(30m, "CNY", "SLIP-2", "cashier-1", cashTaken: 130m, At(10, days: 1));
        day.Deposit.Met.Should().BeTrue();
    }

    [Fact]
    public void Cash_still_covered_by_what_was_deposited_changes_nothing()
    {
        var day = CashierDay.Open(Guid.NewGuid(), "cashier-1", Day, Shanghai, At(9));
        day.RecordDeposit(120m, "CNY", "SLIP-1", "cashier-1", cashTaken: 100m, At(15));

        day.CashTaken(120m, Shanghai, At(16));

        day.Deposit.Met.Should().BeTrue("the 20.00 taken at 16:00 was already in the bank's count");
    }
}
