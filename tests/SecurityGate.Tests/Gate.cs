using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.SecurityGate.Tests;

/// <summary>The callers and checks most tests start from.</summary>
public static class Gate
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static HttpClient Guard(this SecurityGateService gate, params Guid[] estates) => gate.CreateClient(TestCaller.Staff(PlatformRoles.GateGuard, estates));

    public static HttpClient Supervisor(this SecurityGateService gate, params Guid[] estates) => gate.CreateClient(TestCaller.Staff(PlatformRoles.SecuritySupervisor, estates));

    public static HttpClient Manager(this SecurityGateService gate, params Guid[] estates) => gate.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, estates));

    /// <summary>The owner <paramref name="ownerId"/> signed in to the app, owning <paramref name="units"/>.</summary>
    public static HttpClient Owner(this SecurityGateService gate, Guid ownerId, Guid estate, params Guid[] units) =>
        gate.CreateClient(TestCaller.OwnerAccount(ownerId, estate, units));

    /// <summary>The problem details' <c>errors</c> field names, for 400 answers.</summary>
    public static async Task<string[]> ErrorFieldsAsync(this HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(Ct));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected)
    {
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(TestSupport.ApiJson.Options, Ct))!;
    }
}
