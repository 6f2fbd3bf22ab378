using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Desk;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// The clerk handles a request that is not a repair on its page: routes it to a department within the 5 minutes,
/// resolves it, and records the same-day feedback; reception's field errors show under their fields. A repair is
/// routed and resolved by its work order, so its page offers neither.
/// </summary>
public sealed class RequestDetailPageTests : GatewayPageTest
{
    private static readonly Guid Estate = Guid.NewGuid();
    private static readonly Guid RequestId = Guid.NewGuid();
    private const string ResolutionRequired = "Required: what was done.";
    private RequestView _request = Received("Complaint");

    public RequestDetailPageTests() => User.SetAuthorized("clerk.north");

    private static RequestView Received(string category) => new(
        RequestId, Estate, Guid.NewGuid(), "Phone", category, "Normal", "Corridor light flickers on floor 3", "Chen Jing", "13800000000", "Received",
        DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5), null, false, DateTimeOffset.UtcNow.AddHours(8), null, false, null);

    private IRenderedComponent<RequestDetail> Render() => Context.Render<RequestDetail>(p => p.Add(c => c.Id, RequestId));

    [Fact]
    public async Task The_clerk_routes_a_request_to_a_department_then_resolves_it_and_records_the_feedback()
    {
        var page = Render();
        page.WaitForElement("form[data-interactive=true]");

        var cleaning = page.FindAll("#department fluent-option").Single(o => o.TextContent.Trim() == "Cleaning");
        await page.Find("#department").TriggerEventAsync("ondropdownchange", new DropdownEventArgs { Id = "department", SelectedOptions = cleaning.Id });
        await page.Find("form").SubmitAsync();

        JsonSerializer.Deserialize<RouteRequestBody>(Sent.Should().ContainSingle().Subject, GatewayClient.Json).Should().Be(new RouteRequestBody("Cleaning", null));
        Asked.Should().Contain($"/api/reception/requests/{RequestId}/route");
        page.WaitForAssertion(() => page.Find("[data-testid=request-status]").TextContent.Should().Be("Routed"));

        await page.Find("#resolution").ChangeAsync(new ChangeEventArgs { Value = "Replaced the tube" });
        await page.FindAll("form")[0].SubmitAsync();
        JsonSerializer.Deserialize<ResolveRequestBody>(Sent[1], GatewayClient.Json).Should().Be(new ResolveRequestBody("Replaced the tube", false));

        await page.Find("#note").ChangeAsync(new ChangeEventArgs { Value = "Told Ms Chen it is fixed" });
        await page.FindAll("form")[^1].SubmitAsync();
        JsonSerializer.Deserialize<RequestFeedbackBody>(Sent[2], GatewayClient.Json).Should().Be(new RequestFeedbackBody("Told Ms Chen it is fixed"));
        page.WaitForAssertion(() => page.FindAll("#note").Should().BeEmpty("the feedback is given: its form is gone"));
    }

    [Fact]
    public async Task Receptions_error_about_the_resolution_shows_under_the_resolution_field()
    {
        _request = _request with { Status = "Routed", RoutedAt = DateTimeOffset.UtcNow, RoutedTo = "Cleaning" };
        var page = Render();
        page.WaitForElement("form[data-interactive=true]");

        await page.FindAll("form")[0].SubmitAsync();

        page.WaitForAssertion(() => page.Find("#resolution-field").TextContent.Should().Contain(ResolutionRequired), TimeSpan.FromSeconds(5));
        page.Find("[data-testid=request-status]").TextContent.Should().Be("Routed", "nothing changed");
    }

    [Fact]
    public void A_repair_is_routed_by_its_work_order_so_its_page_offers_no_routing_or_resolving()
    {
        _request = Received("Repair");
        var page = Render();

        page.WaitForElement("[data-testid=request-status]");
        page.FindAll("#department").Should().BeEmpty();
        page.FindAll("#resolution").Should().BeEmpty();
        page.FindAll("#note").Should().ContainSingle("the same-day feedback is the desk's for a repair too");
    }

    protected override object? Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Post)
        {
            var body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            switch (path[(path.LastIndexOf('/') + 1)..])
            {
                case "route":
                    _request = _request with { Status = "Routed", RoutedAt = DateTimeOffset.UtcNow, RoutedTo = "Cleaning" };
                    return _request;
                case "resolve" when JsonSerializer.Deserialize<ResolveRequestBody>(body, GatewayClient.Json)!.Resolution is null:
                    return new HttpResponseMessage(HttpStatusCode.BadRequest)
                    {
                        Content = JsonContent.Create(new { title = "Bad input", errors = new Dictionary<string, string[]> { ["resolution"] = [ResolutionRequired] } },
                            new MediaTypeHeaderValue("application/problem+json")),
                    };
                case "resolve":
                    _request = _request with { Status = "Completed", Resolution = "Replaced the tube" };
                    return _request;
                case "feedback":
                    _request = _request with { FeedbackGivenAt = DateTimeOffset.UtcNow };
                    return _request;
            }
        }

        return path switch
        {
            var p when p == $"/api/reception/requests/{RequestId}" => _request,
            var p when p == $"/api/reception/estates/{Estate}" => new EstateView(Estate, "North Garden", "Asia/Shanghai"),
            var p when p == $"/api/reception/requests/{RequestId}/attachments" => new List<AttachmentView>(),
            _ => null,
        };
    }
}
