using System.Security.Claims;
using PropertyPlatform.ServiceDefaults.Kpis;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.ServiceDefaults.Tests.Kpis;

public sealed class KpiPeriodTests
{
    private static EstateScope ManagerOf(Guid estateId) => EstateScope.For(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(PlatformClaims.Subject, "manager-1"), new Claim(PlatformClaims.Role, PlatformRoles.EstateManager), new Claim(PlatformClaims.Estate, estateId.ToString())],
        "test", PlatformClaims.Name, PlatformClaims.Role)));

    [Fact]
    public void An_estate_and_a_yyyy_MM_month_in_the_callers_scope_give_the_period()
    {
        var estateId = Guid.NewGuid();

        var period = KpiPeriod.Parse(estateId, "2026-10", ManagerOf(estateId));

        period.Should().Be(new KpiPeriod(estateId, new DateOnly(2026, 10, 1)));
        period.Month.Should().Be("2026-10");
    }

    [Fact]
    public void A_missing_estate_and_a_bad_month_are_both_named()
    {
        var act = () => KpiPeriod.Parse(null, "10/2026", ManagerOf(Guid.NewGuid()));

        act.Should().Throw<ValidationFailedException>().Which.Errors.Keys.Should().BeEquivalentTo(["estateId", "month"]);
    }

    [Fact]
    public void An_estate_outside_the_callers_scope_is_not_found()
    {
        var act = () => KpiPeriod.Parse(Guid.NewGuid(), "2026-10", ManagerOf(Guid.NewGuid()));

        act.Should().Throw<NotFoundException>();
    }

    [Fact]
    public void A_kpi_without_records_has_no_actual_and_ratios_are_fractions()
    {
        Kpi.Measure("k", "s", 0.98m, 0, 0, "/x").Actual.Should().BeNull();
        Kpi.Measure("k", "s", 0.98m, 2, 3, "/x").Actual.Should().Be(0.6667m);
    }
}
