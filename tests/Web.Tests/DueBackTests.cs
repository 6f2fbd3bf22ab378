using PropertyPlatform.Web.Components.Controls;
using PropertyPlatform.Web.Components.Pages.Desk.Keys;

namespace PropertyPlatform.Web.Tests;

public sealed class DueBackTests
{
    private static readonly EstateTime Shanghai = new("Asia/Shanghai");

    [Fact]
    public void A_due_back_time_is_read_on_the_estates_wall_clock()
    {
        DueBack.TryParse("2026-12-01 18:00", Shanghai, out var instant).Should().BeTrue();

        instant.UtcDateTime.Should().Be(new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc));
        DueBack.Text(instant, Shanghai).Should().Be("2026-12-01 18:00");
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("2026-13-01 18:00")]
    public void Anything_else_is_not_a_due_back_time(string? text) => DueBack.TryParse(text, Shanghai, out _).Should().BeFalse();
}
