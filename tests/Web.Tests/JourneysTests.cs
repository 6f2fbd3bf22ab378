using System.Security.Claims;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.Web.Components.Layout;

namespace PropertyPlatform.Web.Tests;

public sealed class JourneysTests
{
    private static readonly Guid North = Guid.Parse("0197a000-0000-7000-8000-000000000001");

    private static ClaimsPrincipal Staff(params string[] roles) => new(new ClaimsIdentity(
        [.. roles.Select(r => new Claim(PlatformClaims.Role, r)), new Claim(PlatformClaims.Estate, North.ToString())], "test", PlatformClaims.Name, PlatformClaims.Role));

    [Fact]
    public void A_cashier_lands_on_the_counter_of_their_estate()
    {
        Journeys.Home(Staff(PlatformRoles.Cashier)).Should().Be($"/cashier/counter?estate={North}");
        Journeys.IsManager(Staff(PlatformRoles.Cashier)).Should().BeFalse("the KPI board is the estate manager's");
    }

    [Fact]
    public void The_estate_manager_keeps_the_desk_as_home_and_has_the_counter_and_the_KPI_board()
    {
        var manager = Staff(PlatformRoles.EstateManager);

        Journeys.Home(manager).Should().Be($"/desk/queue?estate={North}");
        Journeys.IsCashier(manager).Should().BeTrue("the estate manager stands in for the cashier at billing");
        Journeys.IsManager(manager).Should().BeTrue();
    }
}
