using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Features.Keys;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Keys;

public sealed class KeysApiTests(ReceptionService reception) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Guid _estateId;
    private Guid _unitId;

    public async ValueTask InitializeAsync()
    {
        var (estateId, unitIds) = await reception.NewEstateAsync();
        (_estateId, _unitId) = (estateId, unitIds[0]);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private HttpClient Clerk => field ??= reception.CreateClient(TestCaller.Clerk(_estateId));

    private async Task<KeyResponse> RegisterAsync(string label = "B1 plant room", Guid? unitId = null, string? area = "Plant room B1")
    {
        var response = await Clerk.PostAsJsonAsync("/api/reception/keys", new { estateId = _estateId, label, unitId, area = unitId is null ? area : null }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<KeyResponse>(ApiJson.Options, Ct))!;
    }

    // Written in the estate's offset, as a client in Shanghai would; the service stores the UTC instant.
    private static object IssueTo(string person = "Wang the plumber", double hours = 2) =>
        new { issuedTo = person, purpose = "Pump repair", expectedReturnAt = DateTimeOffset.UtcNow.AddHours(hours).ToOffset(TimeSpan.FromHours(8)) };

    private static async Task<string[]> ErrorFieldsAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        return [.. (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys];
    }

    [Fact]
    public async Task A_key_is_issued_to_a_named_person_returned_and_every_loan_stays_in_its_history()
    {
        var key = await RegisterAsync("Unit 101 spare", unitId: _unitId);

        var issued = await Clerk.PostAsJsonAsync($"/api/reception/keys/{key.Id}/issue", IssueTo("Wang the plumber"), Ct);
        issued.StatusCode.Should().Be(HttpStatusCode.OK);
        var loan = (await issued.Content.ReadFromJsonAsync<KeyLoanResponse>(ApiJson.Options, Ct))!;
        (await Clerk.GetFromJsonAsync<KeyResponse>($"/api/reception/keys/{key.Id}", ApiJson.Options, Ct))!.CurrentLoanId.Should().Be(loan.Id);
        var returned = await Clerk.PostAsJsonAsync($"/api/reception/keys/{key.Id}/return", new { note = "Pump fixed" }, Ct);
        returned.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Clerk.PostAsJsonAsync($"/api/reception/keys/{key.Id}/issue", IssueTo("Li the electrician"), Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        var history = (await Clerk.GetFromJsonAsync<Page<KeyLoanResponse>>($"/api/reception/keys/{key.Id}/loans", ApiJson.Options, Ct))!;
        history.Items.Select(l => l.IssuedTo).Should().Equal("Li the electrician", "Wang the plumber");
        var first = history.Items[1];
        first.ReturnedAt.Should().NotBeNull();
        first.ReturnNote.Should().Be("Pump fixed");
        first.Purpose.Should().Be("Pump repair");
        var stored = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().KeyLoans.CountAsync(l => l.KeyId == key.Id, Ct));
        stored.Should().Be(2);
    }

    [Fact]
    public async Task A_key_that_is_out_cannot_be_issued_again()
    {
        var key = await RegisterAsync();
        await Clerk.PostAsJsonAsync($"/api/reception/keys/{key.Id}/issue", IssueTo("Wang"), Ct);

        var again = await Clerk.PostAsJsonAsync($"/api/reception/keys/{key.Id}/issue", IssueTo("Li"), Ct);

        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        again.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var loans = (await Clerk.GetFromJsonAsync<Page<KeyLoanResponse>>($"/api/reception/keys/{key.Id}/loans", ApiJson.Options, Ct))!;
        loans.Items.Should().ContainSingle().Which.IssuedTo.Should().Be("Wang");
    }

    [Fact]
    public async Task Only_an_issued_key_can_be_returned()
    {
        var key = await RegisterAsync();

        var neverIssued = await Clerk.PostAsync($"/api/reception/keys/{key.Id}/return", null, Ct);
        await Clerk.PostAsJsonAsync($"/api/reception/keys/{key.Id}/issue", IssueTo(), Ct);
        var returned = await Clerk.PostAsJsonAsync($"/api/reception/keys/{key.Id}/return", new { }, Ct);
        var twice = await Clerk.PostAsJsonAsync($"/api/reception/keys/{key.Id}/return", new { }, Ct);

        neverIssued.StatusCode.Should().Be(HttpStatusCode.Conflict);
        returned.StatusCode.Should().Be(HttpStatusCode.OK);
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Keys_out_past_their_expected_return_are_listed_as_overdue_until_returned_and_every_key_out_in_the_register()
    {
        var late = await RegisterAsync("Roof door");
        var onTime = await RegisterAsync("Pump house");
        // Issued three hours ago, due back an hour ago: only time can make a key overdue, so the loan is stored directly.
        var lateLoanId = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var key = await db.Keys.SingleAsync(k => k.Id == late.Id, Ct);
            var now = DateTimeOffset.UtcNow;
            var loan = key.Issue("Chen the roofer", "Gutter cleaning", now.AddHours(-1), "clerk-x", now.AddHours(-3))!;
            db.KeyLoans.Add(loan);
            await db.SaveChangesAsync(Ct);
            return loan.Id;
        });
        await Clerk.PostAsJsonAsync($"/api/reception/keys/{onTime.Id}/issue", IssueTo(hours: 4), Ct);

        var overdue = (await Clerk.GetFromJsonAsync<Page<KeyLoanResponse>>($"/api/reception/keys/overdue?estateId={_estateId}", ApiJson.Options, Ct))!;
        overdue.Items.Should().ContainSingle().Which.Should().Match<KeyLoanResponse>(l => l.Id == lateLoanId && l.Overdue && l.KeyLabel == "Roof door");
        var allOut = (await Clerk.GetFromJsonAsync<Page<KeyLoanResponse>>($"/api/reception/keys/out?estateId={_estateId}", ApiJson.Options, Ct))!;
        allOut.Items.Select(l => (l.KeyLabel, l.Overdue)).Should().Equal(("Pump house", false), ("Roof door", true));

        await Clerk.PostAsJsonAsync($"/api/reception/keys/{late.Id}/return", new { }, Ct);
        var afterReturn = (await Clerk.GetFromJsonAsync<Page<KeyLoanResponse>>($"/api/reception/keys/overdue?estateId={_estateId}", ApiJson.Options, Ct))!;
        afterReturn.Items.Should().BeEmpty();
        (await Clerk.GetFromJsonAsync<Page<KeyLoanResponse>>($"/api/reception/keys/out?estateId={_estateId}", ApiJson.Options, Ct))!
            .Items.Should().ContainSingle().Which.KeyLabel.Should().Be("Pump house");
    }

    [Fact]
    public async Task Bad_input_names_every_failing_field_and_changes_nothing()
    {
        var neither = await Clerk.PostAsJsonAsync("/api/reception/keys", new { estateId = _estateId, label = " " }, Ct);
        var both = await Clerk.PostAsJsonAsync("/api/reception/keys", new { estateId = _estateId, label = "Tag", unitId = _unitId, area = "Roof" }, Ct);
        var noEstate = await Clerk.PostAsJsonAsync("/api/reception/keys", new { label = "Tag", area = "Roof" }, Ct);
        var foreignUnit = await Clerk.PostAsJsonAsync("/api/reception/keys", new { estateId = _estateId, label = "Tag", unitId = Guid.NewGuid() }, Ct);
        var key = await RegisterAsync();
        var badIssue = await Clerk.PostAsJsonAsync($"/api/reception/keys/{key.Id}/issue",
            new { issuedTo = "", purpose = "Repair", expectedReturnAt = DateTimeOffset.UtcNow.AddMinutes(-5) }, Ct);

        (await ErrorFieldsAsync(neither)).Should().BeEquivalentTo(["label", "area"]);
        (await ErrorFieldsAsync(both)).Should().Equal("unitId");
        (await ErrorFieldsAsync(noEstate)).Should().Equal("estateId");
        (await ErrorFieldsAsync(foreignUnit)).Should().Equal("unitId");
        (await ErrorFieldsAsync(badIssue)).Should().BeEquivalentTo(["issuedTo", "expectedReturnAt"]);
        var keys = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Keys.Where(k => k.EstateId == _estateId).ToListAsync(Ct));
        keys.Should().ContainSingle().Which.IsOut.Should().BeFalse();
    }

    [Fact]
    public async Task A_second_key_with_the_same_label_in_the_estate_is_a_conflict()
    {
        await RegisterAsync("Gate 2");

        var again = await Clerk.PostAsJsonAsync("/api/reception/keys", new { estateId = _estateId, label = "Gate 2", area = "North gate" }, Ct);

        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Only_the_estates_front_desk_keeps_keys()
    {
        var key = await RegisterAsync();
        var technician = reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, _estateId));
        var owner = reception.CreateClient(TestCaller.Owner(_estateId, _unitId));
        var supervisor = reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, _estateId));
        var (otherEstate, _) = await reception.NewEstateAsync();
        var otherClerk = reception.CreateClient(TestCaller.Clerk(otherEstate));

        (await technician.GetAsync($"/api/reception/keys?estateId={_estateId}", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await technician.PostAsJsonAsync($"/api/reception/keys/{key.Id}/issue", IssueTo(), Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await owner.GetAsync($"/api/reception/keys/{key.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await otherClerk.GetAsync($"/api/reception/keys/{key.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherClerk.PostAsJsonAsync($"/api/reception/keys/{key.Id}/issue", IssueTo(), Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherClerk.PostAsJsonAsync("/api/reception/keys", new { estateId = _estateId, label = "Sneaky", area = "Roof" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await supervisor.PostAsJsonAsync($"/api/reception/keys/{key.Id}/issue", IssueTo(), Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_key_list_pages_newest_first_and_filters_keys_that_are_out()
    {
        var keys = new List<KeyResponse>();
        for (var i = 0; i < 3; i++)
        {
            keys.Add(await RegisterAsync($"Tag {i}"));
        }

        await Clerk.PostAsJsonAsync($"/api/reception/keys/{keys[1].Id}/issue", IssueTo(), Ct);

        var first = (await Clerk.GetFromJsonAsync<Page<KeyResponse>>($"/api/reception/keys?estateId={_estateId}&limit=2", ApiJson.Options, Ct))!;
        var second = (await Clerk.GetFromJsonAsync<Page<KeyResponse>>($"/api/reception/keys?estateId={_estateId}&limit=2&cursor={first.NextCursor}", ApiJson.Options, Ct))!;
        var outNow = (await Clerk.GetFromJsonAsync<Page<KeyResponse>>($"/api/reception/keys?estateId={_estateId}&isOut=true", ApiJson.Options, Ct))!;

        first.Items.Concat(second.Items).Select(k => k.Id).Should().Equal(keys.Select(k => k.Id).Reverse());
        second.NextCursor.Should().BeNull();
        outNow.Items.Should().ContainSingle().Which.Id.Should().Be(keys[1].Id);
    }
}
