using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Features.DeskVisits;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.DeskVisits;

public sealed class DeskVisitsApiTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_desk_logs_a_visitor_in_and_out_once_and_shows_the_phone_masked_to_roles_that_do_not_call_back()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var manager = reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, estateId));

        var arrived = await clerk.PostAsJsonAsync("/api/reception/desk-visits", new
        {
            estateId, unitId = units[0], visitorName = "Huang Lei", visitorPhone = "13712345678", purpose = "Asks about renting a flat", visiting = "Leasing desk",
        }, Ct);
        arrived.StatusCode.Should().Be(HttpStatusCode.Created);
        var visit = (await arrived.Content.ReadFromJsonAsync<DeskVisitResponse>(ApiJson.Options, Ct))!;
        var present = (await clerk.GetFromJsonAsync<Page<DeskVisitResponse>>($"/api/reception/desk-visits?estateId={estateId}&present=true", ApiJson.Options, Ct))!;
        var left = await clerk.PostAsync($"/api/reception/desk-visits/{visit.Id}/leave", null, Ct);
        var again = await clerk.PostAsync($"/api/reception/desk-visits/{visit.Id}/leave", null, Ct);
        var asManagerSees = (await manager.GetFromJsonAsync<Page<DeskVisitResponse>>($"/api/reception/desk-visits?estateId={estateId}", ApiJson.Options, Ct))!;

        visit.VisitorPhone.Should().Be("13712345678", "the clerk calls people back");
        present.Items.Select(v => v.Id).Should().Equal(visit.Id);
        left.StatusCode.Should().Be(HttpStatusCode.OK);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        asManagerSees.Items.Single().Should().Match<DeskVisitResponse>(v => v.VisitorPhone == "137****5678" && v.LeftAt != null);
    }

    [Fact]
    public async Task Bad_input_names_every_field_and_stores_nothing_and_another_estate_cannot_log()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var bad = await clerk.PostAsJsonAsync("/api/reception/desk-visits", new
        {
            estateId, visitorName = "", visitorPhone = "12", purpose = "", visiting = "", arrivedAt = DateTimeOffset.UtcNow.AddHours(2),
        }, Ct);
        var otherEstate = await reception.CreateClient(TestCaller.Clerk(Guid.NewGuid())).PostAsJsonAsync("/api/reception/desk-visits", new
        {
            estateId, visitorName = "Wu", purpose = "Delivery", visiting = "Office",
        }, Ct);

        (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys
            .Should().BeEquivalentTo(["visitorName", "visitorPhone", "purpose", "visiting", "arrivedAt"]);
        otherEstate.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().DeskVisits.CountAsync(v => v.EstateId == estateId, Ct))).Should().Be(0);
    }
}
