using PropertyPlatform.Web.Components.Controls;
using PropertyPlatform.Web.Components.Pages.Desk.Keys;
using PropertyPlatform.Web.Resources;

namespace PropertyPlatform.Web.Tests;

/// <summary>The due-back picker's value is read on the estate's clock, and a time gone by or no time at all is the field's error.</summary>
public sealed class DueBackTests
{
    private static readonly EstateTime Shanghai = new("Asia/Shanghai");

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_picked_due_back_time_is_read_on_the_estates_wall_clock()
    {
        DueBack.TryParse("2026-12-01T18:00", Shanghai, out var instant).Should().BeTrue();

        instant.UtcDateTime.Should().Be(new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc));
        DueBack.Value(instant, Shanghai).Should().Be("2026-12-01T18:00");
    }

    [Fact]
    public void Seconds_a_browser_adds_are_read_too()
    {
        DueBack.TryParse("2026-12-01T18:00:30", Shanghai, out var instant).Should().BeTrue();

        instant.UtcDateTime.Should().Be(new DateTime(2026, 12, 1, 10, 0, 30, DateTimeKind.Utc));
    }

    [Fact]
    public void A_time_still_to_come_has_no_error()
    {
        DueBack.Check("2026-12-01T18:00", Shanghai, Now, out var instant).Should().BeNull();

        instant.UtcDateTime.Should().Be(new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData("2026-12-01T17:00")] // 09:00 UTC, now
    [InlineData("2026-12-01T16:59")]
    [InlineData("2025-12-01T18:00")]
    public void A_time_gone_by_on_the_estates_clock_is_the_fields_error(string value) =>
        DueBack.Check(value, Shanghai, Now, out _).Should().Be(DueBack.Passed);

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("2026-13-01T18:00")]
    [InlineData("2026-12-01 18:00")]
    [InlineData("2026-12-01")]
    public void Anything_else_is_not_a_due_back_time(string? value)
    {
        DueBack.TryParse(value, Shanghai, out _).Should().BeFalse();
        DueBack.Check(value, Shanghai, Now, out _).Should().Be(DueBack.NotATime);
    }

    [Fact]
    public void Both_errors_have_a_text_in_each_language()
    {
        ResourceTexts.English<DeskComplaintsResource>().Should().ContainKeys(DueBack.NotATime, DueBack.Passed);
        ResourceTexts.Chinese<DeskComplaintsResource>().Should().ContainKeys(DueBack.NotATime, DueBack.Passed);
    }
}
