using PropertyPlatform.Web.Components.Pages.Owner.Passes;

namespace PropertyPlatform.Web.Tests;

/// <summary>The pass's window from the owner's "arrives" and "valid for", in the estate's time zone.</summary>
public sealed class PassWindowTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    // 23:30 on 1 December in Shanghai: still the 1st there, already past the UTC day's middle.
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Today_starts_now_and_lasts_the_hours_chosen()
    {
        PassWindow.For(0, 4, Shanghai, Now).Should().Be((Now, Now.AddHours(4)));
    }

    [Fact]
    public void Tomorrow_starts_at_the_estates_midnight_not_at_utc_midnight()
    {
        var (from, until) = PassWindow.For(1, 24, Shanghai, Now);

        from.Should().Be(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.FromHours(8)));
        until.Should().Be(from.AddDays(1));
    }
}
