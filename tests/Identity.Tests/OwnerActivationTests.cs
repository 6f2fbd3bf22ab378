using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Identity.Consumers;
using PropertyPlatform.Identity.Data;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.Identity.Features.Owners;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Identity.Tests;

public sealed class OwnerActivationTests(IdentityService identity)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewPhone() => "139" + Random.Shared.NextInt64(10_000_000, 99_999_999);

    private Task<List<Account>> OwnerAccountsAsync(Guid ownerId) =>
        identity.InScopeAsync(sp => sp.GetRequiredService<IdentityDbContext>().Accounts.AsNoTracking().Where(a => a.OwnerId == ownerId).ToListAsync(Ct));

    private async Task<Account> RegisterOwnerAsync(Guid ownerId, Guid estate, string phone, params Guid[] units)
    {
        var registered = new OwnerRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), ownerId, "Li Na", phone, units);
        identity.Registry.Register(ownerId, estate, units);
        await identity.Bus.Publish(registered, Ct);
        await Eventually.Async(async () => (await OwnerAccountsAsync(ownerId)).Count == 1, TimeSpan.FromSeconds(30), "the owner account opens");
        return (await OwnerAccountsAsync(ownerId)).Single();
    }

    private Task<bool> ConsumeAsync(OwnerRegistered message) =>
        identity.InScopeAsync(sp => sp.GetRequiredService<OwnerRegisteredConsumer>().ConsumeAsync(message, Ct));

    [Fact]
    public async Task A_forged_OwnerRegistered_for_units_the_registry_does_not_list_for_that_owner_grants_nothing()
    {
        var estate = Guid.NewGuid();
        var ownUnit = Guid.NewGuid();
        var neighboursUnit = Guid.NewGuid();
        var ownerId = Guid.NewGuid();
        var phone = NewPhone();
        await RegisterOwnerAsync(ownerId, estate, phone, ownUnit);
        identity.Registry.Register(Guid.NewGuid(), estate, neighboursUnit);
        var otherEstate = Guid.NewGuid();

        // Anyone who can publish to the broker: the neighbour's unit, a unit reception never registered, another estate.
        await ConsumeAsync(new OwnerRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), ownerId, "Li Na", phone, [neighboursUnit]));
        await ConsumeAsync(new OwnerRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), ownerId, "Li Na", phone, [Guid.NewGuid()]));
        await ConsumeAsync(new OwnerRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, otherEstate, Guid.NewGuid(), ownerId, "Li Na", phone, [ownUnit]));
        var stranger = Guid.NewGuid();
        await ConsumeAsync(new OwnerRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), stranger, "Zhang Wei", NewPhone(), [ownUnit]));

        var account = (await OwnerAccountsAsync(ownerId)).Single();
        account.UnitIds.Should().Equal(ownUnit);
        account.EstateIds.Should().Equal(estate);
        (await OwnerAccountsAsync(stranger)).Should().BeEmpty("reception never registered that owner for the unit");
    }

    [Fact]
    public async Task OwnerRegistered_opens_exactly_one_pending_owner_account_even_when_delivered_twice()
    {
        var ownerId = Guid.NewGuid();
        var estate = Guid.NewGuid();
        var unit = Guid.NewGuid();
        var phone = NewPhone();
        var registered = new OwnerRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), ownerId, "Li Na", phone, [unit]);
        var secondUnit = Guid.NewGuid();
        identity.Registry.Register(ownerId, estate, unit, secondUnit);

        await identity.Bus.Publish(registered, Ct);
        await identity.Bus.Publish(registered, Ct);
        await identity.Bus.Publish(registered with { EventId = Guid.NewGuid(), UnitIds = [secondUnit] }, Ct);

        await Eventually.Async(
            async () => (await OwnerAccountsAsync(ownerId)).SingleOrDefault()?.UnitIds.Count == 2, TimeSpan.FromSeconds(20), "both registrations are applied");
        await Task.Delay(500, Ct);
        var account = (await OwnerAccountsAsync(ownerId)).Should().ContainSingle().Subject;
        account.Status.Should().Be(AccountStatus.Pending);
        account.Kind.Should().Be(AccountKind.Owner);
        account.UserName.Should().Be(phone);
        account.PhoneNumber.Should().Be(phone);
        account.Roles.Should().Equal(PlatformRoles.Owner);
        account.EstateIds.Should().Equal(estate);
        account.UnitIds.Should().BeEquivalentTo([unit, secondUnit]);
    }

    [Fact]
    public async Task A_clerk_of_the_estate_issues_a_one_time_code_that_activates_the_owner_who_then_signs_in_with_unit_and_owner_claims()
    {
        var estate = Guid.NewGuid();
        var unit = Guid.NewGuid();
        var ownerId = Guid.NewGuid();
        var phone = NewPhone();
        await RegisterOwnerAsync(ownerId, estate, phone, unit);
        var clerk = await identity.ApiClientAsync([PlatformRoles.FrontDeskClerk], [estate], Ct);
        var otherClerk = await identity.ApiClientAsync([PlatformRoles.FrontDeskClerk], [Guid.NewGuid()], Ct);
        var cashier = await identity.ApiClientAsync([PlatformRoles.Cashier], [estate], Ct);

        (await otherClerk.PostAsync($"/api/identity/owners/{ownerId}/activation-code", null, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await cashier.PostAsync($"/api/identity/owners/{ownerId}/activation-code", null, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var issued = await clerk.PostAsync($"/api/identity/owners/{ownerId}/activation-code", null, Ct);
        issued.StatusCode.Should().Be(HttpStatusCode.OK);
        var code = (await issued.Content.ReadFromJsonAsync<ActivationCodeResponse>(ApiJson.Options, Ct))!.Code;
        code.Length.Should().BeGreaterThanOrEqualTo(8);
        var stored = (await OwnerAccountsAsync(ownerId)).Single();
        stored.ActivationCodeHash.Should().NotBeNull().And.NotContain(code);

        var anonymous = identity.CreateBrowser();
        var wrong = await anonymous.PostAsJsonAsync("/api/identity/activation", new { userName = phone, code = "WRONGCODE2", newPassword = "Owner-Pass-2026" }, Ct);
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors["code"].Should().Equal(OwnerActivation.InvalidCode);

        var activated = await anonymous.PostAsJsonAsync("/api/identity/activation", new { userName = phone, code, newPassword = "Owner-Pass-2026" }, Ct);
        activated.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await OwnerAccountsAsync(ownerId)).Single().Status.Should().Be(AccountStatus.Active);

        var reused = await anonymous.PostAsJsonAsync("/api/identity/activation", new { userName = phone, code, newPassword = "Other-Pass-2026" }, Ct);
        reused.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var flow = new AuthorizationCodeFlow(
            identity.CreateBrowser(), PlatformClients.OwnerApp, IdentityService.OwnerAppRedirectUri, ["openid", "offline_access", "reception"], phone, "Owner-Pass-2026");
        var claims = Jwt.Claims((await flow.RunAsync(Ct)).AccessToken);
        claims["role"].Should().Equal(PlatformRoles.Owner);
        claims["unit"].Should().Equal(unit.ToString());
        claims["estate"].Should().Equal(estate.ToString());
        // Reception addresses the owner's notifications and preferences by this id.
        claims["owner"].Should().Equal(ownerId.ToString());
    }

    [Fact]
    public async Task A_pending_owner_cannot_sign_in_and_a_weak_password_is_refused_at_activation()
    {
        var estate = Guid.NewGuid();
        var ownerId = Guid.NewGuid();
        var phone = NewPhone();
        await RegisterOwnerAsync(ownerId, estate, phone, Guid.NewGuid());

        var weak = await identity.CreateBrowser().PostAsJsonAsync("/api/identity/activation", new { userName = phone, code = "ABCDEFGHJK", newPassword = "weak" }, Ct);
        weak.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await weak.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("newPassword");

        var login = await AuthorizationCodeFlow.SubmitLoginAsync(identity.CreateBrowser(), "/account/login", phone, "Whatever-2026", Ct);
        login.StatusCode.Should().Be(HttpStatusCode.OK, "a pending account has no password and cannot sign in");
    }
}
