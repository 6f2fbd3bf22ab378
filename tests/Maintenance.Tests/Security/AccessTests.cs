using System.Net;
using System.Net.Http.Json;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Maintenance.Tests.Security;

public sealed class AccessTests(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_endpoint_refuses_a_caller_without_a_token()
    {
        var calls = EndpointSweep.Enumerate(maintenance.Services)
            .Where(c => !EndpointSweep.PublicPrefixes.Any(p => c.Path.StartsWith(p, StringComparison.Ordinal)))
            .ToList();

        calls.Should().Contain(c => c.Path.StartsWith("/api/maintenance/work-orders", StringComparison.Ordinal));
        (await EndpointSweep.AnsweredWithoutTokenAsync(maintenance.CreateClient(), calls, Ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_technician_of_estate_A_sees_no_work_order_of_estate_B()
    {
        var estateA = Guid.NewGuid();
        var estateB = Guid.NewGuid();
        var requestOfB = Guid.NewGuid();
        await maintenance.Bus.Publish(new RepairRequested(Guid.NewGuid(), DateTimeOffset.UtcNow, estateB, Guid.NewGuid(), requestOfB, Guid.NewGuid(), "Lift stuck", "Emergency"), Ct);
        var admin = maintenance.CreateClient(TestCaller.GroupAdmin());
        WorkOrderResponse? workOrderOfB = null;
        await Eventually.Async(async () =>
        {
            var page = await admin.GetFromJsonAsync<Page<WorkOrderResponse>>($"/api/maintenance/work-orders?requestId={requestOfB}", ApiJson.Options, Ct);
            workOrderOfB = page!.Items.SingleOrDefault();
            return workOrderOfB is not null;
        }, TimeSpan.FromSeconds(30));

        var technicianOfA = maintenance.CreateClient(TestCaller.Staff(PlatformRoles.Technician, estateA));

        (await technicianOfA.GetAsync($"/api/maintenance/work-orders/{workOrderOfB!.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var list = await technicianOfA.GetFromJsonAsync<Page<WorkOrderResponse>>($"/api/maintenance/work-orders?estateId={estateB}", ApiJson.Options, Ct);
        list!.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task The_maintenance_supervisor_who_dispatches_reads_the_work_orders_of_their_estate()
    {
        var estate = Guid.NewGuid();
        var request = Guid.NewGuid();
        await maintenance.Bus.Publish(new RepairRequested(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), request, Guid.NewGuid(), "Pump noise", "Normal"), Ct);
        var supervisor = maintenance.CreateClient(TestCaller.Staff(PlatformRoles.MaintenanceSupervisor, estate));

        await Eventually.Async(async () =>
        {
            var page = await supervisor.GetFromJsonAsync<Page<WorkOrderResponse>>($"/api/maintenance/work-orders?requestId={request}", ApiJson.Options, Ct);
            return page!.Items.Count == 1;
        }, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Owners_and_cashiers_may_not_read_the_work_order_list()
    {
        var estate = Guid.NewGuid();

        (await maintenance.CreateClient(TestCaller.Owner(estate, Guid.NewGuid())).GetAsync("/api/maintenance/work-orders", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await maintenance.CreateClient(TestCaller.Staff(PlatformRoles.Cashier, estate)).GetAsync("/api/maintenance/work-orders", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
