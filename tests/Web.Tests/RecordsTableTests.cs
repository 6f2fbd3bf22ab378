using System.Text.Json;
using Bunit;
using PropertyPlatform.Web.Components.Controls;
using PropertyPlatform.Web.Components.Pages.Manager;

namespace PropertyPlatform.Web.Tests;

public sealed class RecordsTableTests() : EnglishComponentTest("en-US")
{
    private IRenderedComponent<RecordsTable> Render(string json) =>
        Context.Render<RecordsTable>(table => table
            .Add(t => t.Records, JsonDocument.Parse(json).RootElement.Clone())
            .Add(t => t.Estate, new EstateTime("Asia/Shanghai"))
            .Add(t => t.Caption, "Routing within 5 minutes"));

    [Fact]
    public void A_page_of_a_list_is_a_table_with_a_column_per_field_and_instants_in_the_estates_time()
    {
        var table = Render("""
            {"items":[{"description":"Leak","receivedAt":"2026-12-01T02:00:00+00:00","routingBreached":false},
                      {"description":"Noise","receivedAt":"2026-12-01T03:30:00Z","routingBreached":true}],
             "nextCursor":"abc"}
            """);

        table.FindAll("th").Select(h => h.TextContent).Should().Equal("Description", "Received at", "Routing breached");
        var rows = table.FindAll("tbody tr");
        rows.Should().HaveCount(2);
        rows[0].TextContent.Should().Contain("Leak").And.Contain("12/1/2026 10:00", "02:00 UTC is 10:00 in Shanghai").And.Contain("✗");
        rows[1].TextContent.Should().Contain("11:30").And.Contain("✓");
        table.Markup.Should().NotContain("abc", "the cursor is for paging, not to read");
    }

    [Fact]
    public void A_report_shows_its_figures_and_a_table_per_list_in_it()
    {
        var table = Render("""
            {"month":"2026-10","collectionRate":0.95,"repairs":{"due":3,"called":2},"lines":[{"feeItem":"parking","due":100.5}],"empty":[]}
            """);

        table.FindAll("dt").Select(d => d.TextContent).Should().Equal("Month", "Collection rate", "Repairs");
        table.FindAll("dd").Select(d => d.TextContent).Should().Equal("2026-10", "0.95", "Due: 3, Called: 2");
        table.Find("caption").TextContent.Should().Be("Lines");
        table.Find("tbody tr").TextContent.Should().Contain("parking").And.Contain("100.5");
        table.Markup.Should().Contain("Empty: Nothing to show.");
    }
}
