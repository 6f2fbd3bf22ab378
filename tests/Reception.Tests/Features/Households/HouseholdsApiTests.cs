using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Features.Households;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Households;

public sealed class HouseholdsApiTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Profile(bool consent = true) => new
    {
        pets = new[] { new { kind = "dog", name = "Doudou", registration = "SH-2026-0042" } },
        vehicles = new[] { new { plate = "沪A·12345", description = "White sedan" } },
        emergencyContacts = new[] { new { name = "Li Wei", relation = "son", phone = "13912345678" } },
        consentToContact = consent,
    };

    [Fact]
    public async Task The_owner_keeps_the_households_profile_and_the_desk_reads_it_with_phones_masked_for_roles_that_do_not_call_back()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var ownerId = await reception.AddOwnerAsync(estateId, units[0]);
        var owner = reception.CreateClient(TestCaller.OwnerAccount(ownerId, estateId, units[0]));

        var saved = await owner.PutAsJsonAsync($"/api/reception/units/{units[0]}/household", Profile(), Ct);
        var clerkView = await reception.CreateClient(TestCaller.Clerk(estateId))
            .GetFromJsonAsync<HouseholdResponse>($"/api/reception/units/{units[0]}/household", ApiJson.Options, Ct);
        var managerView = await reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, estateId))
            .GetFromJsonAsync<HouseholdResponse>($"/api/reception/units/{units[0]}/household", ApiJson.Options, Ct);
        var withdrawn = await owner.PutAsJsonAsync($"/api/reception/units/{units[0]}/household", Profile(consent: false), Ct);

        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        var profile = (await saved.Content.ReadFromJsonAsync<HouseholdResponse>(ApiJson.Options, Ct))!;
        profile.Vehicles.Single().Plate.Should().Be("沪A12345", "plates are kept as every service compares them");
        profile.Pets.Single().Name.Should().Be("Doudou");
        profile.ConsentToContact.Should().BeTrue();
        clerkView!.EmergencyContacts.Single().Phone.Should().Be("13912345678", "the desk calls people back");
        managerView!.EmergencyContacts.Single().Phone.Should().Be("139****5678");
        var afterWithdrawal = (await withdrawn.Content.ReadFromJsonAsync<HouseholdResponse>(ApiJson.Options, Ct))!;
        afterWithdrawal.ConsentToContact.Should().BeFalse();
        afterWithdrawal.ConsentChangedAt.Should().BeAfter(profile.ConsentChangedAt!.Value, "a withdrawal is dated");
    }

    [Fact]
    public async Task Another_owner_and_another_estate_neither_read_nor_change_a_household_and_the_audit_trail_masks_personal_data()
    {
        var (estateId, units) = await reception.NewEstateAsync(units: 2);
        var (otherEstate, _) = await reception.NewEstateAsync();
        var neighbourId = await reception.AddOwnerAsync(estateId, units[1]);
        var neighbour = reception.CreateClient(TestCaller.OwnerAccount(neighbourId, estateId, units[1]));
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        (await clerk.PutAsJsonAsync($"/api/reception/units/{units[0]}/household", Profile(), Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        var neighbourReads = await neighbour.GetAsync($"/api/reception/units/{units[0]}/household", Ct);
        var neighbourWrites = await neighbour.PutAsJsonAsync($"/api/reception/units/{units[0]}/household", Profile(), Ct);
        var otherEstateReads = await reception.CreateClient(TestCaller.Clerk(otherEstate)).GetAsync($"/api/reception/units/{units[0]}/household", Ct);
        var technician = await reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, estateId)).GetAsync($"/api/reception/units/{units[0]}/household", Ct);

        neighbourReads.StatusCode.Should().Be(HttpStatusCode.NotFound);
        neighbourWrites.StatusCode.Should().Be(HttpStatusCode.NotFound);
        otherEstateReads.StatusCode.Should().Be(HttpStatusCode.NotFound);
        technician.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a household's profile is not a technician's business");
        var trail = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(a => a.EstateId == estateId).Select(a => a.Changes).ToListAsync(Ct));
        trail.Should().NotBeEmpty();
        trail.Should().NotContain(changes => changes.Contains("13912345678") || changes.Contains("Li Wei"), "personal data never reaches the audit trail");
    }

    [Fact]
    public async Task Bad_input_names_every_failing_field_and_stores_nothing()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var bad = await clerk.PutAsJsonAsync($"/api/reception/units/{units[0]}/household", new
        {
            pets = new[] { new { kind = "", name = "Mimi", registration = (string?)null } },
            vehicles = new[] { new { plate = "A1", description = (string?)null } },
            emergencyContacts = new[] { new { name = "Wu", relation = "", phone = "12" } },
        }, Ct);
        var stored = await clerk.GetFromJsonAsync<HouseholdResponse>($"/api/reception/units/{units[0]}/household", ApiJson.Options, Ct);

        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo(
            ["pets[0].kind", "vehicles[0].plate", "emergencyContacts[0].relation", "emergencyContacts[0].phone", "consentToContact"]);
        stored!.UpdatedAt.Should().BeNull("nothing was stored");
    }
}
