using System.Net;
using System.Net.Http.Json;
using PropertyPlatform.Reception.Features.Registry;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Registry;

public sealed class OwnUnitsTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_owner_lists_only_their_own_units_with_the_estate_and_its_time_zone()
    {
        var (estateId, units) = await reception.NewEstateAsync(units: 2);
        var owner = reception.CreateClient(TestCaller.Owner(estateId, units[0]));

        var page = await owner.GetFromJsonAsync<Page<OwnUnitResponse>>("/api/reception/units/mine", ApiJson.Options, Ct);

        var unit = page!.Items.Should().ContainSingle().Subject;
        unit.Id.Should().Be(units[0]);
        unit.EstateId.Should().Be(estateId);
        unit.TimeZoneId.Should().Be("Asia/Shanghai");
        unit.BuildingCode.Should().Be("1");
        unit.Number.Should().Be("101");
    }

    [Fact]
    public async Task Staff_do_not_use_the_owners_list()
    {
        var (estateId, _) = await reception.NewEstateAsync();

        var response = await reception.CreateClient(TestCaller.Staff(PlatformRoles.FrontDeskClerk, estateId)).GetAsync("/api/reception/units/mine", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
