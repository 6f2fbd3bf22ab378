using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.Identity.Seed;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Identity.Tests;

public sealed class DemoSeedTests(IdentityService identity)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seeding_twice_leaves_one_demo_account_per_role_that_signs_in_with_the_demo_password()
    {
        await identity.InScopeAsync(async sp => { await sp.GetRequiredService<DemoSeeder>().SeedAsync(Ct); return 0; });
        await identity.InScopeAsync(async sp => { await sp.GetRequiredService<DemoSeeder>().SeedAsync(Ct); return 0; });

        var accounts = await identity.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<Account>>();
            var found = new List<Account>();
            foreach (var name in DemoSeeder.UserNames)
            {
                found.Add((await users.FindByNameAsync(name))!);
            }

            (await users.CheckPasswordAsync(found[0], DemoGroup.Password)).Should().BeTrue();
            return found;
        });

        accounts.Should().HaveCount(14).And.OnlyContain(a => a != null && a.Status == AccountStatus.Active);
        accounts.SelectMany(a => a.Roles).Distinct().Should().BeEquivalentTo(PlatformRoles.People);
        var byName = accounts.ToDictionary(a => a.UserName!);
        byName["manager.north"].EstateIds.Should().Equal(DemoGroup.North);
        byName["clerk.south"].EstateIds.Should().Equal(DemoGroup.South);
        byName["supervisor.region"].Roles.Should().Equal(PlatformRoles.CustomerServiceSupervisor);
        byName["supervisor.region"].EstateIds.Should().Equal(DemoGroup.North, DemoGroup.South);
        byName["supervisor.maint"].Roles.Should().Equal(PlatformRoles.MaintenanceSupervisor);
        byName["supervisor.maint"].EstateIds.Should().Equal(DemoGroup.North);
        byName["tech.north"].Trades.Should().Equal("plumbing", "electrical");
        byName["13800001234"].UnitIds.Should().Equal(DemoGroup.North1101);
        byName["13800001234"].DisplayName.Should().Be("Li Wei");
        byName["13900005678"].UnitIds.Should().Equal(DemoGroup.South1101);
    }

    [Fact]
    public async Task With_SeedDemoData_on_the_service_seeds_at_start_and_the_demo_owner_signs_in_with_its_unit()
    {
        await using var seeded = identity.Variant(web => web.UseSetting("Identity:SeedDemoData", "true"));
        var browser = seeded.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", "10.250.0.1");

        var tokens = await new AuthorizationCodeFlow(
            browser, PlatformClients.OwnerApp, IdentityService.OwnerAppRedirectUri, ["openid", "reception"], "13800001234", DemoGroup.Password).RunAsync(Ct);

        var claims = Jwt.Claims(tokens.AccessToken);
        claims["name"].Should().Equal("Li Wei");
        claims["unit"].Should().Equal(DemoGroup.North1101.ToString());
        claims["estate"].Should().Equal(DemoGroup.North.ToString());
    }
}
