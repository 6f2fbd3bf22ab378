using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Controls;
using PropertyPlatform.Web.Components.Pages.Dispatch;

namespace PropertyPlatform.Web.Tests;

public sealed class CandidateTableTests : IDisposable
{
    private static readonly CandidateView Eligible = new(
        Guid.NewGuid(), "Wang Plumber", true, 1, ["plumbing certification valid until 2027-12-01", "on duty (day shift until 2026-12-01 10:00Z)", "0 open work orders, 0 in other estates"], 0, 0,
        [
            new("certification-valid", "plumbing", new DateOnly(2027, 12, 1), null, null, null, null),
            new("on-duty", null, null, new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), "day", null, null),
            new("open-work-orders", null, null, null, null, 0, 0),
        ]);

    private static readonly CandidateView OffDuty = new(
        Guid.NewGuid(), "Zhao Plumber", false, null, ["employment ended (last day 2026-11-30)", "not on duty now", "2 open work orders, 1 in other estates"], 2, 1,
        [
            new("employment-ended", null, new DateOnly(2026, 11, 30), null, null, null, null),
            new("not-on-duty", null, null, null, null, null, null),
            new("open-work-orders", null, null, null, null, 2, 1),
        ]);

    /// <summary>Shanghai's clock: 10:00 UTC is 18:00 there.</summary>
    private static readonly EstateTime Shanghai = new("Asia/Shanghai");

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
            .Add(t => t.Clock, Shanghai)
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
        offDuty.TextContent.Should().Contain("Not on duty now").And.Contain("2 open, 1 in other estates");
        offDuty.QuerySelectorAll("fluent-button").Should().BeEmpty("maintenance would refuse someone who is not eligible");
    }

    [Fact]
    public void In_Chinese_the_reasons_are_Chinese_with_the_shift_end_on_the_estates_clock_not_in_UTC()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("zh-CN");

        var table = Render([Eligible, OffDuty]);

        table.FindAll($"tr[data-staff-id='{Eligible.StaffId}'] ul.reasons li").Select(li => li.TextContent).Should().Equal(
            "水暖上岗证有效期至 2027/12/1", "在岗（白班，至 2026/12/1 18:00）", "未完成工单 0 项，其中其他小区 0 项");
        table.FindAll($"tr[data-staff-id='{OffDuty.StaffId}'] ul.reasons li").Select(li => li.TextContent).Should().Equal(
            "已离职（最后工作日 2026/11/30）", "当前不在岗", "未完成工单 2 项，其中其他小区 1 项");
    }

    [Fact]
    public void In_English_the_reasons_come_from_the_texts_with_dates_of_the_culture_and_the_shift_end_on_the_estates_clock()
    {
        var reasons = Render([Eligible]).FindAll("ul.reasons li").Select(li => li.TextContent).ToList();

        reasons[0].Should().Be("Plumbing certification valid until 12/1/2027");
        reasons[1].Should().StartWith("On duty (day shift until 12/1/2026 6:00").And.NotContain("10:00");
    }

    [Fact]
    public void A_reason_the_screen_does_not_know_yet_is_maintenances_english_words()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("zh-CN");
        var onLeave = OffDuty with
        {
            Reasons = ["on leave until 2026-12-03", "not on duty now"],
            Explanation = [new("on-leave", null, new DateOnly(2026, 12, 3), null, null, null, null), new("not-on-duty", null, null, null, null, null, null)],
        };

        Render([onLeave]).FindAll("ul.reasons li").Select(li => li.TextContent).Should().Equal("on leave until 2026-12-03", "当前不在岗");
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
