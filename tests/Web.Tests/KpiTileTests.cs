using Bunit;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Manager;

namespace PropertyPlatform.Web.Tests;

public sealed class KpiTileTests : EnglishComponentTest
{
    private IRenderedComponent<KpiTile> Render(decimal target, decimal? actual, int numerator, int denominator) =>
        Context.Render<KpiTile>(tile => tile
            .Add(t => t.Kpi, new KpiView("routing-within-5-minutes", "A request is routed within 5 minutes of intake.", target, actual, numerator, denominator,
                "/api/reception/requests?estateId=1"))
            .Add(t => t.Title, "Routing within 5 minutes")
            .Add(t => t.RecordsHref, "manager/kpis/records?link=x"));

    [Fact]
    public void A_standard_reached_says_met_in_words_with_its_figures_and_the_bar_reaches_the_target()
    {
        var tile = Render(0.90m, 0.95m, 19, 20);

        tile.Find("[data-testid=kpi-actual]").TextContent.Should().Be("95%");
        tile.Find("[data-testid=kpi-verdict]").TextContent.Should().Contain("Met").And.Contain("✓");
        tile.Markup.Should().Contain("Target 90%").And.Contain("19 of 20");
        tile.Find("[data-testid=kpi-bar]").GetAttribute("width").Should().Be("190");
        tile.Find("[data-testid=kpi-target]").GetAttribute("x1").Should().Be("180");
        tile.Find("[data-testid=kpi-chart]").GetAttribute("aria-label").Should().Be("Routing within 5 minutes: 95% against a target of 90%");
    }

    [Fact]
    public void A_standard_missed_says_missed_in_words_not_only_in_red()
    {
        var tile = Render(0.98m, 0.6667m, 2, 3);

        tile.Find("[data-testid=kpi-verdict]").TextContent.Should().Contain("Missed").And.Contain("✗");
        tile.Find("[data-testid=kpi-actual]").TextContent.Should().Be("66.7%");
    }

    [Fact]
    public void A_month_without_records_has_no_bar_and_says_so()
    {
        var tile = Render(1m, null, 0, 0);

        tile.Find("[data-testid=kpi-actual]").TextContent.Should().Be("—");
        tile.Find("[data-testid=kpi-verdict]").TextContent.Should().Contain("No records this month");
        tile.FindAll("[data-testid=kpi-bar]").Should().BeEmpty();
    }

    [Fact]
    public void The_tile_links_down_to_its_records()
    {
        var tile = Render(1m, 1m, 3, 3);

        tile.Find("a").GetAttribute("href").Should().Be("manager/kpis/records?link=x");
        tile.Find("a").TextContent.Should().Be("Records: Routing within 5 minutes");
    }

    [Fact]
    public void The_summary_counts_met_missed_and_unmeasured_standards()
    {
        var summary = Context.Render<KpiSummaryChart>(chart => chart.Add(c => c.Kpis,
        [
            new KpiView("a", "", 1m, 1m, 1, 1, ""), new KpiView("b", "", 0.9m, 0.5m, 1, 2, ""), new KpiView("c", "", 1m, null, 0, 0, ""),
            new KpiView("d", "", 0.1m, 0.2m, 2, 10, ""),
        ]));

        summary.Find("[data-testid=kpi-summary-text]").TextContent.Should().Be("2 of 3 measured standards met · Missed: 1 · No records this month: 1");
        summary.FindAll("rect").Should().HaveCount(3, "one segment each for met, missed and unmeasured");
    }
}
