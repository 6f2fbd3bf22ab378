using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Tests.Domain;

public sealed class CheckWeightsTests
{
    private static StaffCheck Check(CheckFrequency frequency, int score) =>
        StaffCheck.Record(Guid.NewGuid(), Guid.NewGuid(), CheckArea.Security, frequency, new DateOnly(2027, 1, 12), score, "", "supervisor", "Supervisor", DateTimeOffset.UtcNow);

    [Fact]
    public void The_monthly_review_weighs_most_and_a_missing_frequency_shares_its_weight()
    {
        // Many poor daily checks do not outweigh a good monthly review: each frequency's average counts, not each check.
        CheckWeights.Combined([Check(CheckFrequency.Daily, 2), Check(CheckFrequency.Daily, 2), Check(CheckFrequency.Daily, 2), Check(CheckFrequency.Monthly, 5)])
            .Should().Be(4.14m, "(0.2 × 2 + 0.5 × 5) / 0.7");
        CheckWeights.Combined([Check(CheckFrequency.Daily, 3), Check(CheckFrequency.Weekly, 4), Check(CheckFrequency.Monthly, 5)]).Should().Be(4.3m);
        CheckWeights.Combined([Check(CheckFrequency.Weekly, 3)]).Should().Be(3m);
        CheckWeights.Combined([]).Should().BeNull();
    }

    [Fact]
    public void A_weekly_check_covers_the_week_from_its_monday_and_a_monthly_check_the_month()
    {
        var thursday = new DateOnly(2027, 1, 14);

        StaffCheck.PeriodOf(CheckFrequency.Daily, thursday).Should().Be(thursday);
        StaffCheck.PeriodOf(CheckFrequency.Weekly, thursday).Should().Be(new DateOnly(2027, 1, 11));
        StaffCheck.PeriodOf(CheckFrequency.Weekly, new DateOnly(2027, 1, 17)).Should().Be(new DateOnly(2027, 1, 11), "Sunday ends the week");
        StaffCheck.PeriodOf(CheckFrequency.Monthly, thursday).Should().Be(new DateOnly(2027, 1, 1));
    }
}
