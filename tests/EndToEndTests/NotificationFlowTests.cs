using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.EndToEndTests;

/// <summary>
/// The notification capability end to end: the desk takes in a parcel through the gateway; reception asks for a
/// notification to each owner of the unit (outbox, broker), its one consumer renders the owner's template and its sender
/// delivers the e-mail to the AppHost's mail catcher, where the owner's message can be read.
/// </summary>
public sealed class NotificationFlowTests(Platform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_parcels_notification_arrives_in_the_local_mail_catcher()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var unitId = platform.UnitOf(estateId);
        var registered = await platform.Admin.PostAsJsonAsync("/api/reception/owners", new
        {
            estateId, fullName = "Zhou Min", phone = $"136{Random.Shared.Next(10_000_000, 99_999_999)}", idNumber = "440101198905061234", unitIds = new[] { unitId },
        }, Ct);
        registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync(Ct));
        var ownerId = (await registered.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct)).GetProperty("id").GetGuid();
        var address = $"zhou.min.{Guid.NewGuid():N}@example.com";
        (await platform.Admin.PutAsJsonAsync($"/api/reception/owners/{ownerId}/notification-preferences", new { language = "en", email = address }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var parcel = await platform.Admin.PostAsJsonAsync("/api/reception/parcels",
            new { estateId, unitId, carrier = "JD Logistics", trackingNumber = "JD0042E2E", shelf = "D-2" }, Ct);
        parcel.StatusCode.Should().Be(HttpStatusCode.Created, await parcel.Content.ReadAsStringAsync(Ct));

        using var catcher = new MailCatcher(platform.Endpoint("mail"));
        var mail = (await catcher.WaitForMailToAsync(address, TimeSpan.FromSeconds(60), Ct)).Should().ContainSingle().Which;
        mail.Subject.Should().Be("A parcel is waiting for you");
        mail.Body.Should().Contain("JD Logistics (JD0042E2E)").And.Contain("shelf D-2");
    }

    [Fact]
    public async Task Receptions_KPI_endpoint_returns_its_standards_through_the_gateway()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var month = DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var response = await platform.Admin.GetAsync($"/api/reception/kpis?estateId={estateId}&month={month}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct);
        report.GetProperty("estateId").GetGuid().Should().Be(estateId);
        report.GetProperty("kpis").EnumerateArray().Select(k => k.GetProperty("key").GetString())
            .Should().Contain(["routing-within-5-minutes", "same-day-feedback", "repair-callback-rate", "owner-satisfaction"]);
        (await platform.Gateway.GetAsync($"/api/reception/kpis?estateId={estateId}&month={month}", Ct)).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "the gateway lets no one without a token through");
    }
}
