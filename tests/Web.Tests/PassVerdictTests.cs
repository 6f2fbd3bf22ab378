using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Controls;
using PropertyPlatform.Web.Components.Pages.Gate;

namespace PropertyPlatform.Web.Tests;

public sealed class PassVerdictTests : IDisposable
{
    private static readonly DateTimeOffset CheckedAt = new(2026, 12, 1, 10, 15, 0, TimeSpan.Zero);

    private readonly BunitContext _context = new();
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    public PassVerdictTests()
    {
        UseCulture("en-US");
        _context.Services.AddLocalization();
    }

    private static void UseCulture(string name) => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);

    private IRenderedComponent<PassVerdict> Render(PassCheckView result) =>
        _context.Render<PassVerdict>(verdict => verdict
            .Add(v => v.Result, result)
            .Add(v => v.UnitNumber, "1-101")
            .Add(v => v.CheckedAt, CheckedAt)
            .Add(v => v.Estate, new EstateTime("Asia/Shanghai")));

    [Fact]
    public void An_admitted_pass_is_valid_with_the_visitor_the_unit_the_estate_local_time_and_the_entries_left()
    {
        var verdict = Render(new PassCheckView(true, null, Guid.NewGuid(), "Liu Yang", Guid.NewGuid(), 2, Guid.NewGuid())).Find("[data-testid=verdict]");

        verdict.ClassList.Should().Contain("verdict-valid");
        verdict.TextContent.Should().Contain("Valid: let the visitor in")
            .And.Contain("Liu Yang, visiting unit 1-101, admitted at 12/1/2026 6:15")
            .And.Contain("Entries left on this pass: 2.");
    }

    [Theory]
    [InlineData("Tampered", "Not a genuine pass: its signature does not match.")]
    [InlineData("NotYetValid", "Not valid yet: its time window has not started.")]
    [InlineData("Expired", "Expired: its time window is over.")]
    [InlineData("Revoked", "Revoked by the owner or by security.")]
    [InlineData("UsedUp", "Used up: no entries are left on it.")]
    [InlineData("OtherEstate", "A pass for another estate.")]
    public void A_refused_pass_is_invalid_and_says_why(string refusal, string reason)
    {
        var verdict = Render(new PassCheckView(false, refusal, null, null, null, null, null));

        verdict.Find("[data-testid=verdict]").ClassList.Should().Contain("verdict-invalid");
        verdict.Find("h2").TextContent.Should().Be("Invalid: do not let the visitor in");
        verdict.Find("[data-testid=refusal]").TextContent.Should().Be(reason);
    }

    [Fact]
    public void The_reason_is_given_in_Chinese_to_a_guard_reading_Chinese()
    {
        UseCulture("zh-CN");

        var verdict = Render(new PassCheckView(false, "Expired", Guid.NewGuid(), "Liu Yang", Guid.NewGuid(), null, null));

        verdict.Find("h2").TextContent.Should().Be("无效：不得放行");
        verdict.Find("[data-testid=refusal]").TextContent.Should().Be("已过期：有效时段已结束。");
    }

    public void Dispose()
    {
        _context.Dispose();
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = _culture;
    }
}
