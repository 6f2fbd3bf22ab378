using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.EndToEndTests;

/// <summary>
/// A new owner from the front desk to the app: reception registers the estate, unit and owner; identity hears
/// <c>OwnerRegistered</c> and opens a pending account; the front desk hands over a one-time code; the owner sets a
/// password, signs in through the login page and reports a repair for their own unit — and only for it.
/// </summary>
public sealed class OwnerOnboardingTests(Platform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct);
    }

    [Fact]
    public async Task An_owner_registered_at_reception_activates_the_app_account_and_reports_for_their_own_unit()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var unitId = platform.UnitOf(estateId);
        var (ownerId, phone, code) = await platform.RegisterOwnerAsync(estateId, unitId, Ct);

        var activated = await platform.Gateway.PostAsJsonAsync("/api/identity/activation", new { userName = phone, code, newPassword = DemoGroup.Password }, Ct);
        activated.IsSuccessStatusCode.Should().BeTrue(await activated.Content.ReadAsStringAsync(Ct));
        (await platform.Gateway.PostAsJsonAsync("/api/identity/activation", new { userName = phone, code, newPassword = DemoGroup.Password }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "the code works once");

        using var app = await platform.SignInAsync(phone, Ct, DemoGroup.OwnerApp);
        var request = await CreatedAsync(await app.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId, unitId, channel = "app", category = "repair", description = "Kitchen tap dripping", requesterName = "Chen Jing",
        }, Ct));
        request.GetProperty("unitId").GetGuid().Should().Be(unitId);
        (await app.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId = DemoGroup.North, unitId = DemoGroup.NorthUnit101, channel = "app", category = "repair", description = "Not mine", requesterName = "Chen Jing",
        }, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.GetAsync($"/api/reception/owners/{ownerId}", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the roster is for staff");
    }
}
