using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Dispatch;

namespace PropertyPlatform.Web.Tests;

public sealed class CandidateTableTests : IDisposable
{
    private static readonly CandidateView Eligible = new(
        Guid.NewGuid(), "Wang Plumber", true, 1, ["plumbing certification valid until 2027-12-01", "on duty (day shift until 2026-12-01 10:00Z)", "0 open work orders, 0 in other estates"], 0, 0);

    private static readonly CandidateView OffDuty = new(
        Guid.NewGuid(), "Zhao Plumber", false, null, ["plumbing certification valid until 2027-12-01", "not on duty now", "2 open work orders, 1 in other estates"], 2, 1);

    private readonly BunitContext _context = new();
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    public CandidateTableTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en");
        _context.Services.AddLocalization();
        _context.Services.AddFluentUIComponents();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private IRenderedComponent<CandidateTable> Render(IReadOnlyList<CandidateView> candidates, Action<CandidateView>? onAssign = null) =>
        _context.Render<CandidateTable>(table => table
            .Add(t => t.Candidates, candidates)
            .Add(t => t.OnAssign, (CandidateView c) => onAssign?.Invoke(c)));

    [Fact]
    public void Every_candidate_shows_maintenances_reasons_and_only_the_eligible_can_be_assigned()
    {
        var table = Render([Eligible, OffDuty]);

        var eligible = table.Find($"tr[data-staff-id='{Eligible.StaffId}']");
        eligible.QuerySelector("[data-testid=eligible]")!.TextContent.Should().Be("Yes");
        eligible.QuerySelectorAll("fluent-button").Should().ContainSingle();
        var offDuty = table.Find($"tr[data-staff-id='{OffDuty.StaffId}']");
        offDuty.QuerySelector("[data-testid=eligible]")!.TextContent.Should().Be("No");
        offDuty.TextContent.Should().Contain("not on duty now").And.Contain("2 open, 1 in other estates");
        offDuty.QuerySelectorAll("fluent-button").Should().BeEmpty("maintenance would refuse someone who is not eligible");
    }

    [Fact]
    public void Assign_hands_the_chosen_candidate_to_the_board()
    {
        CandidateView? chosen = null;
        var table = Render([Eligible, OffDuty], c => chosen = c);

        table.Find($"tr[data-staff-id='{Eligible.StaffId}'] fluent-button").Click();

        chosen.Should().Be(Eligible);
    }

    [Fact]
    public void Nobody_of_the_trade_in_the_estate_says_so()
    {
        Render([]).Find("[data-testid=no-candidates]").TextContent.Should().Be("Nobody of this trade works in the estate.");
    }

    public void Dispose()
    {
        _context.Dispose();
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = _culture;
    }
}
