using Bunit;
using Microsoft.AspNetCore.Components;
using PropertyPlatform.Web.Api;
using DeskRequestDetail = PropertyPlatform.Web.Components.Pages.Desk.RequestDetail;
using OwnerRequestDetail = PropertyPlatform.Web.Components.Pages.Owner.Requests.RequestDetail;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// The photos the technician's completion named, on the owner's request (before the verdict) and on the desk's: each a
/// thumbnail with its alt text, served through this app and opening full size.
/// </summary>
public sealed class CompletionPhotosTests : GatewayPageTest
{
    private static readonly Guid Estate = Guid.NewGuid();
    private static readonly Guid Unit = Guid.NewGuid();
    private static readonly Guid RequestId = Guid.NewGuid();
    private static readonly Guid WorkOrderId = Guid.NewGuid();
    private static readonly Guid[] Photos = [Guid.NewGuid(), Guid.NewGuid()];

    private IReadOnlyList<Guid> _photoIds = Photos;

    [Fact]
    public void The_owner_sees_the_completion_photos_before_accepting_or_rejecting_the_repair()
    {
        User.SetAuthorized("13800001234");
        var page = Context.Render<OwnerRequestDetail>(p => p.Add(d => d.Id, RequestId));

        page.WaitForElement("[data-testid=completion-photos]");
        ShowsThePhotos(page);
        var markup = page.Markup;
        markup.IndexOf("data-testid=\"completion-photos\"", StringComparison.Ordinal)
            .Should().BeLessThan(markup.IndexOf("Accept the repair", StringComparison.Ordinal), "the owner sees the photos before the verdict");
    }

    [Fact]
    public void The_desk_sees_the_completion_photos_on_the_request()
    {
        User.SetAuthorized("clerk.north");
        var page = Context.Render<DeskRequestDetail>(p => p.Add(d => d.Id, RequestId));

        page.WaitForElement("[data-testid=completion-photos]");
        ShowsThePhotos(page);
    }

    [Fact]
    public void A_request_whose_work_order_has_no_photos_shows_no_photo_strip()
    {
        _photoIds = [];
        User.SetAuthorized("clerk.north");
        var page = Context.Render<DeskRequestDetail>(p => p.Add(d => d.Id, RequestId));

        page.WaitForAssertion(() => page.Markup.Should().Contain("Leak under the sink"));
        page.FindAll("[data-testid=completion-photos]").Should().BeEmpty();
    }

    private static void ShowsThePhotos<TPage>(IRenderedComponent<TPage> page)
        where TPage : IComponent
    {
        page.Markup.Should().Contain("Photos of the finished work");
        var links = page.FindAll("[data-testid=completion-photos] a");
        links.Select(a => a.GetAttribute("href")).Should().Equal(Photos.Select(p => $"work-order-photos/{WorkOrderId}/{p}"));
        links.Should().OnlyContain(a => a.GetAttribute("target") == "_blank", "a thumbnail opens the photo full size");
        page.FindAll("[data-testid=completion-photos] img").Select(i => (i.GetAttribute("alt"), i.GetAttribute("src")))
            .Should().Equal(Photos.Select((p, i) => ((string?)$"Photo {i + 1}", (string?)$"work-order-photos/{WorkOrderId}/{p}")));
    }

    /// <summary>Reception and maintenance as the pages call them through the gateway: one completed repair of the owner's unit.</summary>
    protected override object? Answer(HttpRequestMessage request)
    {
        var now = DateTimeOffset.UtcNow;
        return request.RequestUri!.AbsolutePath switch
        {
            var p when p == $"/api/reception/requests/{RequestId}" => new
            {
                id = RequestId, estateId = Estate, unitId = Unit, channel = "app", category = "repair", urgency = "normal",
                description = "Leak under the sink", requesterName = "Li Wei", requesterPhone = "13800001234", status = "Completed",
                receivedAt = now.AddHours(-3), routeBy = now.AddHours(-3).AddMinutes(5), routedAt = now.AddHours(-3), routingBreached = false,
                feedbackDueBy = now.AddHours(5), feedbackGivenAt = (DateTimeOffset?)null, feedbackBreached = false,
                workOrderId = WorkOrderId, completedAt = now, reopenCount = 0,
            },
            var p when p == $"/api/reception/estates/{Estate}" => new EstateView(Estate, "North Garden", "Asia/Shanghai"),
            "/api/reception/units/mine" => new PageOf<OwnUnitView>([new(Unit, Estate, "North Garden", "Asia/Shanghai", "1", "101")], null),
            var p when p == $"/api/maintenance/work-orders/{WorkOrderId}" => new
            {
                id = WorkOrderId, estateId = Estate, requestId = RequestId, unitId = Unit, source = "request", description = "Leak under the sink",
                urgency = "normal", status = "Completed", createdAt = now.AddHours(-3), technicianName = "Wang Fang", appointmentStatus = "None",
                steps = new[] { new OwnerWorkOrderStepView("completed", now, null) }, partsUsed = Array.Empty<object>(),
                completionPhotoIds = _photoIds, needsRedispatch = false, responseDueAt = now, responseBreached = false,
                completionDueAt = now, completionBreached = false,
            },
            "/api/reception/appointments" => new PageOf<AppointmentView>([], null),
            "/api/reception/callbacks/mine" => new PageOf<OwnerCallbackView>([], null),
            _ => null,
        };
    }
}
