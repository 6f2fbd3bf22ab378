using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.Identity.Seed;
using PropertyPlatform.ServiceDefaults.Security;

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

        accounts.Should().HaveCount(12).And.OnlyContain(a => a != null && a.Status == AccountStatus.Active);
        accounts.SelectMany(a => a.Roles).Distinct().Should().BeEquivalentTo(PlatformRoles.People);
        var byName = accounts.ToDictionary(a => a.UserName!);
        byName["manager.north"].EstateIds.Should().Equal(DemoGroup.North);
        byName["clerk.south"].EstateIds.Should().Equal(DemoGroup.South);
        byName["tech.north"].Trades.Should().Equal("plumbing", "electrical");
        byName["13800001234"].UnitIds.Should().Equal(DemoGroup.North1101);
        byName["13800001234"].DisplayName.Should().Be("Li Wei");
        byName["13900005678"].UnitIds.Should().Equal(DemoGroup.South1101);
    }
}
