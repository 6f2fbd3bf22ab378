using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Technician;

namespace PropertyPlatform.Web.Tests;

/// <summary>The technician's screen of open work orders over maintenance's pages of all their orders.</summary>
public sealed class MyOpenWorkOrdersTests
{
    private static readonly Guid Technician = Guid.NewGuid();

    /// <summary>Maintenance's pages of the technician's orders, by cursor ("" the first); records the paths asked for.</summary>
    private sealed class Maintenance(Dictionary<string, PageOf<WorkOrderView>> pages) : HttpMessageHandler
    {
        public List<string> Asked { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Asked.Add(request.RequestUri!.PathAndQuery);
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = JsonContent.Create(pages[query["cursor"] ?? ""], options: GatewayClient.Json),
            });
        }
    }

    private sealed class Anonymous : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(new ClaimsPrincipal()));
    }

    private static WorkOrderView Order(string status) => new(
        Guid.NewGuid(), Guid.NewGuid(), null, Guid.NewGuid(), null, "Staff", "plumbing", $"{status} order", "Normal", status, DateTimeOffset.UnixEpoch,
        Technician, "Wang", null, null, null, null, [], null, null, [], false, null, null, DateTimeOffset.UnixEpoch, false, DateTimeOffset.UnixEpoch, false);

    private static PageOf<WorkOrderView> PageOf(string? next, params string[] statuses) => new([.. statuses.Select(Order)], next);

    private static GatewayClient Gateway(Maintenance maintenance) =>
        new(new HttpClient(maintenance) { BaseAddress = new Uri(GatewayClient.GatewayAddress) }, new Anonymous());

    [Fact]
    public async Task Finished_orders_are_left_out_and_the_next_page_is_read_until_the_list_ends()
    {
        var maintenance = new Maintenance(new()
        {
            [""] = PageOf("p2", "Completed", "OnSite", "Closed"),
            ["p2"] = PageOf(null, "Dispatched", "Verified", "Accepted"),
        });

        var screen = await MyOpenWorkOrders.LoadAsync(Gateway(maintenance), Technician.ToString(), null);

        screen.Value!.Items.Select(o => o.Status).Should().Equal("OnSite", "Dispatched", "Accepted");
        screen.Value.NextCursor.Should().BeNull();
        maintenance.Asked.Should().AllSatisfy(path => path.Should().Contain($"technicianId={Technician}"));
    }

    [Fact]
    public async Task A_full_screen_stops_reading_and_hands_on_maintenances_cursor()
    {
        var open = Enumerable.Repeat("Dispatched", MyOpenWorkOrders.ScreenSize).ToArray();
        var maintenance = new Maintenance(new() { [""] = PageOf("p2", open), ["p2"] = PageOf(null, "Accepted") });

        var screen = await MyOpenWorkOrders.LoadAsync(Gateway(maintenance), Technician.ToString(), null);

        screen.Value!.Items.Should().HaveCount(MyOpenWorkOrders.ScreenSize);
        screen.Value.NextCursor.Should().Be("p2");
        maintenance.Asked.Should().ContainSingle();
    }

    [Fact]
    public async Task A_user_without_an_account_id_gets_nothing_from_maintenance()
    {
        var maintenance = new Maintenance([]);

        var screen = await MyOpenWorkOrders.LoadAsync(Gateway(maintenance), null, null);

        screen.Status.Should().Be(HttpStatusCode.Forbidden);
        maintenance.Asked.Should().BeEmpty();
    }
}
