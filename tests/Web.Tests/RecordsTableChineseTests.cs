using System.Text.Json;
using Bunit;
using PropertyPlatform.Web.Components.Controls;
using PropertyPlatform.Web.Components.Pages.Manager;

namespace PropertyPlatform.Web.Tests;

/// <summary>The KPI drill-down in Chinese: the services' field names as Chinese column headers.</summary>
public sealed class RecordsTableChineseTests() : EnglishComponentTest("zh-CN")
{
    [Fact]
    public void In_Chinese_the_columns_of_a_records_list_have_Chinese_headers_and_an_unknown_field_reads_as_words()
    {
        var table = Context.Render<RecordsTable>(t => t
            .Add(r => r.Records, JsonDocument.Parse("""
                {"items":[{"description":"漏水","receivedAt":"2026-12-01T02:00:00Z","routingBreached":false,"newField":1,
                           "callback":{"due":3,"called":2}}]}
                """).RootElement.Clone())
            .Add(r => r.Estate, new EstateTime("Asia/Shanghai")));

        table.FindAll("th").Select(h => h.TextContent).Should().Equal("描述", "受理时间", "派单超时", "New field", "Callback");
        table.Find("caption").TextContent.Should().Be("记录");
        table.Find("tbody tr").TextContent.Should().Contain("应完成: 3, 已回访: 2");
    }
}
