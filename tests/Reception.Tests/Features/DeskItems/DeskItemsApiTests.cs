using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.DeskItems;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.DeskItems;

public sealed class DeskItemsApiTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DeskItemResponse> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<DeskItemResponse>(ApiJson.Options, Ct))!;
    }

    [Fact]
    public async Task The_desk_records_items_stored_and_lent_lists_what_is_still_out_and_closes_each_once()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var stored = await ReadAsync(await clerk.PostAsJsonAsync("/api/reception/desk-items", new
        {
            estateId, unitId = units[0], kind = "stored", description = "Box of documents for the tenant", person = "Ms Li (owner)",
        }, Ct), HttpStatusCode.Created);
        var lent = await ReadAsync(await clerk.PostAsJsonAsync("/api/reception/desk-items", new
        {
            estateId, kind = "lent", description = "Aluminium ladder", person = "Zhang (decorator)", dueBackAt = DateTimeOffset.UtcNow.AddHours(4),
        }, Ct), HttpStatusCode.Created);
        var returned = await ReadAsync(await clerk.PostAsJsonAsync($"/api/reception/desk-items/{lent.Id}/close", new { by = "Zhang" }, Ct), HttpStatusCode.OK);
        var again = await clerk.PostAsJsonAsync($"/api/reception/desk-items/{lent.Id}/close", new { by = "Zhang" }, Ct);
        var stillOut = (await clerk.GetFromJsonAsync<Page<DeskItemResponse>>($"/api/reception/desk-items?estateId={estateId}&open=true", ApiJson.Options, Ct))!;

        stored.Kind.Should().Be(DeskItemKind.Stored);
        returned.ClosedWith.Should().Be("Zhang");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        stillOut.Items.Select(i => i.Id).Should().Equal(stored.Id);
    }

    [Fact]
    public async Task A_loan_past_its_due_time_is_listed_overdue()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var itemId = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var item = DeskItem.Record(estateId, null, DeskItemKind.Lent, "Umbrella", "Visitor Wu", DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(-1), "clerk");
            db.DeskItems.Add(item);
            await db.SaveChangesAsync(Ct);
            return item.Id;
        });

        var overdue = (await reception.CreateClient(TestCaller.Clerk(estateId))
            .GetFromJsonAsync<Page<DeskItemResponse>>($"/api/reception/desk-items?estateId={estateId}&overdue=true", ApiJson.Options, Ct))!;

        overdue.Items.Should().ContainSingle().Which.Should().Match<DeskItemResponse>(i => i.Id == itemId && i.Overdue);
    }

    [Fact]
    public async Task Bad_input_names_every_field_stores_nothing_and_other_estates_and_owners_cannot_record()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var bad = await clerk.PostAsJsonAsync("/api/reception/desk-items", new { estateId, kind = "lent", description = "", person = "" }, Ct);
        var badKind = await clerk.PostAsJsonAsync("/api/reception/desk-items", new { estateId, kind = "sold", description = "Bike", person = "Wu" }, Ct);
        var otherEstate = await reception.CreateClient(TestCaller.Clerk(Guid.NewGuid()))
            .PostAsJsonAsync("/api/reception/desk-items", new { estateId, kind = "stored", description = "Bike", person = "Wu" }, Ct);
        var owner = await reception.CreateClient(TestCaller.Owner(estateId, units[0]))
            .PostAsJsonAsync("/api/reception/desk-items", new { estateId, kind = "stored", description = "Bike", person = "Wu" }, Ct);

        (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo(["description", "person", "dueBackAt"]);
        (await badKind.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("kind");
        otherEstate.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        owner.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().DeskItems.CountAsync(i => i.EstateId == estateId, Ct))).Should().Be(0);
    }
}
