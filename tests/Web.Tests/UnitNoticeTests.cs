using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Desk.Notices;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// The desk's notices to one unit: the unit picked in the unit field, reception's error about it shown under that field,
/// and a unit's notice listed with its "building – number".
/// </summary>
public sealed class UnitNoticeTests : GatewayPageTest
{
    private static readonly Guid Estate = Guid.NewGuid();
    private static readonly UnitView Unit101 = new(Guid.NewGuid(), Estate, Guid.NewGuid(), "1", "101", 1);

    private const string UnitRequired = "Required for a unit's notice, and only there.";

    public UnitNoticeTests()
    {
        User.SetAuthorized("clerk.north");
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"desk/notices?estate={Estate}");
    }

    [Fact]
    public void A_notice_to_one_unit_is_listed_with_the_units_building_and_number()
    {
        var page = Context.Render<Notices>();

        page.WaitForAssertion(() => page.Find($"li[data-notice-id]").TextContent.Should().Contain("One unit 1 – 101"));
    }

    [Fact]
    public async Task A_notice_for_one_unit_sent_without_a_unit_shows_receptions_error_under_the_unit_field()
    {
        var page = Context.Render<Notices>();
        page.WaitForElement("form[data-interactive=true]");

        var oneUnit = page.FindAll("#audience fluent-option").Single(o => o.TextContent.Trim() == "One unit");
        await page.Find("#audience").TriggerEventAsync("ondropdownchange", new DropdownEventArgs { Id = "audience", SelectedOptions = oneUnit.Id });
        page.WaitForElement("[data-testid=unit-picker]");
        await page.Find("form").SubmitAsync();

        JsonSerializer.Deserialize<PublishNoticeBody>(Sent.Should().ContainSingle().Subject, GatewayClient.Json)
            .Should().Match<PublishNoticeBody>(b => b.Audience == "Unit" && b.UnitId == null);
        page.WaitForAssertion(() => page.Find("#unitId-field").TextContent.Should().Contain(UnitRequired));
    }

    protected override object? Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path == "/api/reception/notices" && request.Method == HttpMethod.Post)
        {
            return new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = JsonContent.Create(new { title = "Bad input", errors = new Dictionary<string, string[]> { ["unitId"] = [UnitRequired] } },
                    new MediaTypeHeaderValue("application/problem+json")),
            };
        }

        return path switch
        {
            var p when p == $"/api/reception/estates/{Estate}" => new EstateView(Estate, "North Garden", "Asia/Shanghai"),
            var p when p == $"/api/reception/estates/{Estate}/buildings" => new PageOf<BuildingView>([new(Unit101.BuildingId, Estate, "1", "Building 1")], null),
            "/api/reception/notices" => new PageOf<NoticeView>(
                [new(Guid.NewGuid(), Estate, "Unit", null, Unit101.Id, "Meter reading", "Leave the cupboard open.", DateTimeOffset.UtcNow, null, true)], null),
            "/api/reception/units" => new PageOf<UnitView>([Unit101], null),
            _ => null,
        };
    }
}
