using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.EndToEndTests;

/// <summary>
/// Flow 1's first steps with real people signed in through the login page: the North front-desk clerk records an
/// owner's repair request, maintenance opens the work order, the North technician sees it, the request is routed.
/// </summary>
public sealed class FirstFlowTests(Platform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_repair_request_through_the_gateway_becomes_a_work_order_and_the_request_is_marked_routed()
    {
        using var clerk = await platform.SignInAsync(DemoGroup.ClerkNorth, Ct);
        using var technician = await platform.SignInAsync(DemoGroup.TechnicianNorth, Ct);
        var estateId = DemoGroup.North;
        var correlationId = Guid.NewGuid();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/reception/requests")
        {
            Content = JsonContent.Create(new
            {
                estateId,
                unitId = DemoGroup.NorthUnit101,
                channel = "phone",
                category = "repair",
                urgency = "urgent",
                description = "Leak under the kitchen sink",
                requesterName = "Owner of 3-1201",
            }),
        };
        post.Headers.Add("X-Correlation-Id", correlationId.ToString());

        var response = await clerk.SendAsync(post, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.GetValues("X-Correlation-Id").Should().Equal(correlationId.ToString());
        var requestId = (await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct)).GetProperty("id").GetGuid();

        JsonElement workOrder = default;
        await Eventually.Async(async () =>
        {
            var page = await technician.GetFromJsonAsync<JsonElement>($"/api/maintenance/work-orders?requestId={requestId}", ApiJson.Options, Ct);
            var items = page.GetProperty("items");
            if (items.GetArrayLength() == 0)
            {
                return false;
            }

            workOrder = items[0];
            return true;
        }, TimeSpan.FromSeconds(60), "maintenance should open a work order for the repair request");
        workOrder.GetProperty("urgency").GetString().Should().Be("Urgent");
        workOrder.GetProperty("estateId").GetGuid().Should().Be(estateId);

        JsonElement request = default;
        await Eventually.Async(async () =>
        {
            request = await clerk.GetFromJsonAsync<JsonElement>($"/api/reception/requests/{requestId}", ApiJson.Options, Ct);
            return request.GetProperty("status").GetString() == "Routed";
        }, TimeSpan.FromSeconds(60), "reception should hear WorkOrderCreated and mark the request routed");
        request.GetProperty("workOrderId").GetGuid().Should().Be(workOrder.GetProperty("id").GetGuid());
        request.GetProperty("routingBreached").GetBoolean().Should().BeFalse("it was routed within 5 minutes");
    }

    [Fact]
    public async Task Every_resource_is_healthy_and_every_service_answers_through_the_gateway()
    {
        await platform.WaitUntilAllHealthyAsync(TimeSpan.FromSeconds(60));
        foreach (var service in Platform.Services)
        {
            using var client = new HttpClient { BaseAddress = platform.Endpoint(service) };
            (await client.GetAsync("/health", Ct)).StatusCode.Should().Be(HttpStatusCode.OK, $"{service} is ready: database migrated, broker connected");
            (await client.GetAsync("/openapi/v1.json", Ct)).StatusCode.Should().Be(HttpStatusCode.OK, $"{service} describes its API");
        }

        var notFound = await platform.Admin.GetAsync($"/api/reception/requests/{Guid.NewGuid()}", Ct);
        notFound.StatusCode.Should().Be(HttpStatusCode.NotFound);
        notFound.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
