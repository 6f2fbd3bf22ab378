using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using PropertyPlatform.HrTraining.Features.Certifications;
using PropertyPlatform.HrTraining.Features.Staff;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.HrTraining.Tests;

/// <summary>The steps most tests start from, through the API as HR would take them.</summary>
public static class Staffing
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>HR of <paramref name="estates"/>.</summary>
    public static HttpClient Hr(this HrTrainingService hr, params Guid[] estates) => hr.CreateClient(TestCaller.Staff(PlatformRoles.Trainer, estates));

    public static HttpClient Manager(this HrTrainingService hr, params Guid[] estates) => hr.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, estates));

    /// <summary>Hires a new person working in <paramref name="estates"/> (the first is home), with <paramref name="trades"/>.</summary>
    public static async Task<StaffResponse> HireAsync(this HrTrainingService hr, Guid[] estates, string[]? trades = null, string name = "Wang Wei", string position = "technician")
    {
        var response = await hr.Hr(estates).PostAsJsonAsync("/api/hr-training/staff", new
        {
            staffId = Guid.NewGuid(),
            displayName = name,
            position,
            trades = trades ?? ["plumbing"],
            homeEstateId = estates[0],
            estateIds = estates,
            startsOn = Day(HrTrainingService.LocalToday.AddDays(-100)),
        }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<StaffResponse>(ApiJson.Options, Ct))!;
    }

    /// <summary>Grants a certification from <paramref name="validFrom"/> to <paramref name="validUntil"/> (default: 100 days back to a year ahead).</summary>
    public static async Task<CertificationResponse> CertifyAsync(
        this HrTrainingService hr, Guid staffId, Guid estateId, string? trade = "plumbing", string? post = null, DateOnly? validFrom = null, DateOnly? validUntil = null)
    {
        var today = HrTrainingService.LocalToday;
        var response = await hr.Hr(estateId).PostAsJsonAsync("/api/hr-training/certifications", new
        {
            staffId,
            estateId,
            trade,
            post,
            validFrom = Day(validFrom ?? today.AddDays(-100)),
            validUntil = Day(validUntil ?? today.AddYears(1)),
        }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<CertificationResponse>(ApiJson.Options, Ct))!;
    }

    /// <summary>The problem details' <c>errors</c> field names, for 400 answers.</summary>
    public static async Task<string[]> ErrorFieldsAsync(this HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(Ct));
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }

    public static async Task<string> DetailAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync(Ct));
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        return problem.GetProperty("detail").GetString()!;
    }
}
