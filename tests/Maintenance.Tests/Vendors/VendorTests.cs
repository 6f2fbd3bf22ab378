using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.Vendors;
using PropertyPlatform.Maintenance.Tests.Support;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Maintenance.Tests.Vendors;

public sealed class VendorTests(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ThisQuarter => $"{DateTime.UtcNow.AddHours(8).Year}-Q{((DateTime.UtcNow.AddHours(8).Month - 1) / 3) + 1}";

    private static readonly ReviewScoreInput[] AllFours =
        [new("quality", 4), new("timeliness", 4), new("safety", 5), new("cooperation", 3)];

    private static async Task<VendorResponse> VendorAsync(MaintenanceWorld world, string name = "Otis Elevator Service")
    {
        var response = await world.Supervisor.PostAsJsonAsync("/api/maintenance/vendors",
            new RegisterVendorCommand(world.EstateId, name, ["elevator"], "Mr Zhao", "+86 138 0000 1111"), ApiJson.Options, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<VendorResponse>(ApiJson.Options, Ct))!;
    }

    private static async Task<OutsourcedJobResponse> JobAsync(MaintenanceWorld world, Guid vendorId, Guid workOrderId)
    {
        var response = await world.Supervisor.PostAsJsonAsync("/api/maintenance/vendor-jobs",
            new CommissionJobCommand(vendorId, workOrderId, null, "Replace the door operator of lift A", null), ApiJson.Options, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<OutsourcedJobResponse>(ApiJson.Options, Ct))!;
    }

    private static Task<HttpResponseMessage> PostAsync(MaintenanceWorld world, string path, object body) =>
        world.Supervisor.PostAsJsonAsync(path, body, ApiJson.Options, Ct);

    [Fact]
    public async Task An_outsourced_job_tracks_progress_and_once_finished_is_accepted_or_rejected_with_a_reason()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var vendor = await VendorAsync(world);
        var order = await world.CreateAsync(trade: "elevator");
        var job = await JobAsync(world, vendor.Id, order.Id);

        var tooEarly = await PostAsync(world, $"/api/maintenance/vendor-jobs/{job.Id}/acceptance", new JobAcceptanceCommand(true, null));
        (await PostAsync(world, $"/api/maintenance/vendor-jobs/{job.Id}/progress", new ReportProgressCommand(40, "Parts ordered"))).EnsureSuccessStatusCode();
        (await PostAsync(world, $"/api/maintenance/vendor-jobs/{job.Id}/progress", new ReportProgressCommand(100, "Operator replaced"))).EnsureSuccessStatusCode();
        var rejected = await PostAsync(world, $"/api/maintenance/vendor-jobs/{job.Id}/acceptance", new JobAcceptanceCommand(false, "Door still slams"));
        (await PostAsync(world, $"/api/maintenance/vendor-jobs/{job.Id}/progress", new ReportProgressCommand(100, "Closing speed adjusted"))).EnsureSuccessStatusCode();
        var accepted = await PostAsync(world, $"/api/maintenance/vendor-jobs/{job.Id}/acceptance", new JobAcceptanceCommand(true, null));
        var afterwards = await PostAsync(world, $"/api/maintenance/vendor-jobs/{job.Id}/progress", new ReportProgressCommand(100, "again"));

        tooEarly.StatusCode.Should().Be(HttpStatusCode.Conflict, "nothing is accepted before the vendor finishes");
        (await rejected.Content.ReadFromJsonAsync<OutsourcedJobResponse>(ApiJson.Options, Ct))!.Should().Match<OutsourcedJobResponse>(j =>
            j.Status == OutsourcedJobStatus.Rejected && j.RejectionReason == "Door still slams");
        var final = (await accepted.Content.ReadFromJsonAsync<OutsourcedJobResponse>(ApiJson.Options, Ct))!;
        final.Status.Should().Be(OutsourcedJobStatus.Accepted);
        final.Rejections.Should().Be(1);
        final.Progress.Select(p => p.Percent).Should().Equal(40, 100, 100);
        afterwards.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var forOrder = await world.Supervisor.GetFromJsonAsync<Page<OutsourcedJobResponse>>($"/api/maintenance/vendor-jobs?workOrderId={order.Id}", ApiJson.Options, Ct);
        forOrder!.Items.Select(j => j.Id).Should().Equal(job.Id);
    }

    [Fact]
    public async Task A_vendor_is_reviewed_once_a_quarter_on_every_criterion()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var vendor = await VendorAsync(world);

        var first = await PostAsync(world, $"/api/maintenance/vendors/{vendor.Id}/reviews", new ReviewVendorCommand(ThisQuarter, AllFours, "Reliable"));
        var second = await PostAsync(world, $"/api/maintenance/vendors/{vendor.Id}/reviews", new ReviewVendorCommand(ThisQuarter, AllFours, null));

        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Ct));
        (await first.Content.ReadFromJsonAsync<VendorReviewResponse>(ApiJson.Options, Ct))!.Overall.Should().Be(80m, "a mean of 4 of 5");
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var reviews = await world.Supervisor.GetFromJsonAsync<List<VendorReviewResponse>>($"/api/maintenance/vendors/{vendor.Id}/reviews", ApiJson.Options, Ct);
        reviews.Should().ContainSingle().Which.Quarter.Should().Be(ThisQuarter);
    }

    [Fact]
    public async Task A_bad_review_is_a_400_naming_every_failing_field_and_stores_nothing()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var vendor = await VendorAsync(world);

        var response = await PostAsync(world, $"/api/maintenance/vendors/{vendor.Id}/reviews",
            new ReviewVendorCommand("2099-Q1", [new("quality", 6), new("price", 3)], null));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("\"quarter\"").And.Contain("scores[0].score").And.Contain("scores[1].criterion")
            .And.Contain("\"scores\"");
        (await maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>().VendorReviews.IgnoreQueryFilters().CountAsync(r => r.VendorId == vendor.Id, Ct)))
            .Should().Be(0);
    }

    [Fact]
    public async Task Bad_vendor_and_job_input_is_a_400_naming_every_failing_field()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var vendor = await VendorAsync(world);

        var badVendor = await PostAsync(world, "/api/maintenance/vendors", new RegisterVendorCommand(world.EstateId, " ", ["rocketry"], null, "12"));
        var badJob = await PostAsync(world, "/api/maintenance/vendor-jobs", new CommissionJobCommand(vendor.Id, Guid.NewGuid(), null, "", "31-12-2026"));

        badVendor.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badVendor.Content.ReadAsStringAsync(Ct)).Should().Contain("\"name\"").And.Contain("trades[0]").And.Contain("\"contactName\"").And.Contain("\"phone\"");
        badJob.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badJob.Content.ReadAsStringAsync(Ct)).Should().Contain("\"workOrderId\"").And.Contain("\"scope\"").And.Contain("\"dueOn\"");
    }

    [Fact]
    public async Task Another_estates_vendor_is_404_to_read_and_403_to_write_and_a_technician_cannot_register_one()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var other = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var theirs = await VendorAsync(other);

        var read = await world.Supervisor.GetAsync($"/api/maintenance/vendors/{theirs.Id}", Ct);
        var review = await PostAsync(world, $"/api/maintenance/vendors/{theirs.Id}/reviews", new ReviewVendorCommand(ThisQuarter, AllFours, null));
        var byTechnician = await world.Technician(Guid.NewGuid()).PostAsJsonAsync("/api/maintenance/vendors",
            new RegisterVendorCommand(world.EstateId, "Greenfield Gardens", ["gardening"], "Ms Qian", "13800001111"), ApiJson.Options, Ct);

        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        review.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        byTechnician.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
