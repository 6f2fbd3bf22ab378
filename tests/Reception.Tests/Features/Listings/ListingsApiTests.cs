using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Listings;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Listings;

public sealed class ListingsApiTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, Ct))!;

    [Fact]
    public async Task An_owners_listing_is_followed_up_by_the_desk_and_closed_once_as_let()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var ownerId = await reception.AddOwnerAsync(estateId, units[0]);
        var owner = reception.CreateClient(TestCaller.OwnerAccount(ownerId, estateId, units[0]));
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var listed = await owner.PostAsJsonAsync("/api/reception/listings", new { estateId, unitId = units[0], kind = "rent", askingPrice = 4800.00m, notes = "Furnished" }, Ct);
        var listing = await ReadAsync<ListingResponse>(listed);
        var twice = await clerk.PostAsJsonAsync("/api/reception/listings", new { estateId, unitId = units[0], ownerId, kind = "rent", askingPrice = 4500m }, Ct);
        (await clerk.PostAsJsonAsync($"/api/reception/listings/{listing.Id}/follow-ups", new { note = "Viewing with a couple on Saturday" }, Ct)).EnsureSuccessStatusCode();
        var soldRental = await clerk.PostAsJsonAsync($"/api/reception/listings/{listing.Id}/close", new { outcome = "sold" }, Ct);
        var closed = await ReadAsync<ListingResponse>(await clerk.PostAsJsonAsync($"/api/reception/listings/{listing.Id}/close", new { outcome = "let", note = "Let for a year" }, Ct));
        var afterClose = await clerk.PostAsJsonAsync($"/api/reception/listings/{listing.Id}/follow-ups", new { note = "Too late" }, Ct);
        var ownersView = await owner.GetFromJsonAsync<ListingResponse>($"/api/reception/listings/{listing.Id}", ApiJson.Options, Ct);

        listed.StatusCode.Should().Be(HttpStatusCode.Created);
        listing.OwnerId.Should().Be(ownerId, "an owner lists as themself");
        listing.Currency.Should().Be("CNY");
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict, "one open rental listing per unit");
        soldRental.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        closed.Status.Should().Be(ListingStatus.Closed);
        closed.Outcome.Should().Be(ListingOutcome.Let);
        closed.FollowUps.Select(f => f.Note).Should().Equal("Viewing with a couple on Saturday", "Let for a year");
        afterClose.StatusCode.Should().Be(HttpStatusCode.Conflict);
        ownersView!.FollowUps.Should().HaveCount(2);
    }

    [Fact]
    public async Task Only_the_units_owner_entrusts_a_listing_and_others_neither_see_nor_act_on_it()
    {
        var (estateId, units) = await reception.NewEstateAsync(units: 2);
        var (otherEstate, _) = await reception.NewEstateAsync();
        var ownerId = await reception.AddOwnerAsync(estateId, units[0]);
        var neighbourId = await reception.AddOwnerAsync(estateId, units[1]);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var neighbour = reception.CreateClient(TestCaller.OwnerAccount(neighbourId, estateId, units[1]));

        var notTheOwner = await clerk.PostAsJsonAsync("/api/reception/listings", new { estateId, unitId = units[0], ownerId = neighbourId, kind = "sale", askingPrice = 3_200_000m }, Ct);
        var othersUnit = await neighbour.PostAsJsonAsync("/api/reception/listings", new { estateId, unitId = units[0], kind = "sale", askingPrice = 3_200_000m }, Ct);
        var listing = await ReadAsync<ListingResponse>(await clerk.PostAsJsonAsync(
            "/api/reception/listings", new { estateId, unitId = units[0], ownerId, kind = "sale", askingPrice = 3_200_000m }, Ct));
        var neighbourReads = await neighbour.GetAsync($"/api/reception/listings/{listing.Id}", Ct);
        var neighbourList = await neighbour.GetFromJsonAsync<Page<ListingResponse>>("/api/reception/listings", ApiJson.Options, Ct);
        var otherClerk = reception.CreateClient(TestCaller.Clerk(otherEstate));
        var otherReads = await otherClerk.GetAsync($"/api/reception/listings/{listing.Id}", Ct);
        var otherCloses = await otherClerk.PostAsJsonAsync($"/api/reception/listings/{listing.Id}/close", new { outcome = "withdrawn" }, Ct);
        var ownerFollowsUp = await neighbour.PostAsJsonAsync($"/api/reception/listings/{listing.Id}/follow-ups", new { note = "me" }, Ct);

        (await ReadAsync<ValidationProblemDetails>(notTheOwner)).Errors.Keys.Should().Equal("ownerId");
        othersUnit.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        neighbourReads.StatusCode.Should().Be(HttpStatusCode.NotFound);
        neighbourList!.Items.Should().NotContain(l => l.Id == listing.Id);
        otherReads.StatusCode.Should().Be(HttpStatusCode.NotFound);
        otherCloses.StatusCode.Should().Be(HttpStatusCode.NotFound);
        ownerFollowsUp.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the desk follows listings up");
    }

    [Fact]
    public async Task Bad_input_names_every_failing_field_and_stores_nothing()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var bad = await clerk.PostAsJsonAsync("/api/reception/listings", new { estateId, unitId = units[0], kind = "swap", askingPrice = 12.345m, notes = new string('x', 2001) }, Ct);
        var negative = await clerk.PostAsJsonAsync("/api/reception/listings", new { estateId, unitId = units[0], ownerId = Guid.NewGuid(), kind = "rent", askingPrice = -1m }, Ct);
        var listed = await clerk.GetFromJsonAsync<Page<ListingResponse>>($"/api/reception/listings?estateId={estateId}", ApiJson.Options, Ct);

        (await ReadAsync<ValidationProblemDetails>(bad)).Errors.Keys.Should().BeEquivalentTo(["kind", "askingPrice", "notes", "ownerId"]);
        (await ReadAsync<ValidationProblemDetails>(negative)).Errors.Keys.Should().Equal("askingPrice");
        listed!.Items.Should().BeEmpty();
    }
}
