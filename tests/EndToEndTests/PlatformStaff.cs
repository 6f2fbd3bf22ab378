using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.EndToEndTests;

/// <summary>
/// Staff of a test's own estate, taken on as the group does it: an account at identity, an employment file and a
/// certification at hr-training, a place on today's published roster; each signed in through the login page.
/// </summary>
public sealed partial class Platform
{
    /// <summary>How long a test waits for events to cross the broker and for the services to act on them.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    /// <summary>The time zone of the estates <see cref="NewEstateAsync"/> registers.</summary>
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly string[] Technician = [PlatformRoles.Technician];
    private static readonly string[] Plumbing = ["plumbing"];

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset local) => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Asserts the status (with the body as the reason) and reads the JSON answer.</summary>
    public static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync(cancellationToken));
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, cancellationToken);
    }

    /// <summary>A staff account at identity with <paramref name="roles"/> in the estate; returns its id (the staff id) and a signed-in client.</summary>
    public async Task<(Guid StaffId, HttpClient Client)> StaffAccountAsync(
        Guid estateId, string[] roles, string displayName, CancellationToken cancellationToken, string[]? trades = null)
    {
        var userName = $"{roles[0]}.{Guid.NewGuid():N}"[..24];
        var account = await OkAsync(await Admin.PostAsJsonAsync("/api/identity/accounts", new
        {
            userName, displayName, password = DemoGroup.Password, roles, estateIds = new[] { estateId }, trades = trades ?? [],
        }, cancellationToken), HttpStatusCode.Created);
        return (account.GetProperty("id").GetGuid(), await SignInAsync(userName, cancellationToken));
    }

    /// <summary>Opens the person's employment file at hr-training, working in the one estate from <paramref name="startsOn"/>.</summary>
    public async Task HireAsync(Guid staffId, Guid estateId, string displayName, string position, string[] trades, DateOnly startsOn, CancellationToken cancellationToken) =>
        // hr-training needs the new estate's calendar (its time zone) before it plans a day there.
        await Eventually.Async(async () => (await Admin.PostAsJsonAsync("/api/hr-training/staff", new
        {
            staffId, displayName, position, trades, homeEstateId = estateId, estateIds = new[] { estateId }, startsOn = Day(startsOn),
        }, cancellationToken)).IsSuccessStatusCode, WaitLimit, $"hr-training hires {displayName}");

    /// <summary>
    /// A plumber with an account in the estate, hired, certified and on duty now (published roster); returns their id and
    /// signed-in client. The shift runs from an hour ago for four hours, but never past the certification's last day:
    /// hr-training refuses a shift the certification does not cover to its end.
    /// </summary>
    public async Task<(Guid StaffId, HttpClient Client, Guid CertificationId)> PlumberOnDutyAsync(
        Guid estateId, CancellationToken cancellationToken, TimeZoneInfo? estateZone = null, DateOnly? certifiedUntil = null)
    {
        var (staffId, client) = await StaffAccountAsync(estateId, Technician, "E2E Plumber", cancellationToken, Plumbing);
        var localNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, estateZone ?? Shanghai);
        var shiftStart = localNow.AddHours(-1);
        var shiftEnd = localNow.AddHours(4);
        if (certifiedUntil is { } lastDay && DateOnly.FromDateTime(shiftEnd.DateTime) > lastDay)
        {
            shiftEnd = new DateTimeOffset(lastDay.ToDateTime(new TimeOnly(23, 59)), localNow.Offset);
        }

        await HireAsync(staffId, estateId, "E2E Plumber", "technician", Plumbing, DateOnly.FromDateTime(shiftStart.DateTime), cancellationToken);
        var certification = await OkAsync(await Admin.PostAsJsonAsync("/api/hr-training/certifications", new
        {
            staffId, estateId, trade = "plumbing", validFrom = Day(shiftStart), validUntil = certifiedUntil is { } until ? Day(until) : Day(localNow.AddYears(1)),
        }, cancellationToken), HttpStatusCode.Created);
        await Eventually.Async(async () => (await Admin.PostAsJsonAsync("/api/hr-training/rosters/shifts", new
        {
            estateId, day = Day(shiftStart), staffId, shift = "day", trade = "plumbing",
            startsAt = shiftStart.ToString("HH:mm", CultureInfo.InvariantCulture), endsAt = shiftEnd.ToString("HH:mm", CultureInfo.InvariantCulture),
        }, cancellationToken)).IsSuccessStatusCode, WaitLimit, "hr-training puts the certified plumber on the roster");
        (await Admin.PostAsJsonAsync("/api/hr-training/rosters/publish", new { estateId, day = Day(shiftStart) }, cancellationToken)).EnsureSuccessStatusCode();
        return (staffId, client, certification.GetProperty("id").GetGuid());
    }

    /// <summary>The work order maintenance opened for the reception request, once it has.</summary>
    public async Task<JsonElement> WorkOrderOfRequestAsync(Guid estateId, Guid requestId, CancellationToken cancellationToken)
    {
        JsonElement? order = null;
        await Eventually.Async(async () =>
        {
            var page = await Admin.GetFromJsonAsync<JsonElement>($"/api/maintenance/work-orders?estateId={estateId}&requestId={requestId}", ApiJson.Options, cancellationToken);
            order = page.GetProperty("items").EnumerateArray().Select(o => (JsonElement?)o).FirstOrDefault();
            return order is not null;
        }, WaitLimit, "maintenance opens the work order from RepairRequested");
        return order!.Value;
    }

    /// <summary>Whether maintenance offers <paramref name="staffId"/> as an eligible plumber for the order.</summary>
    public async Task<bool> EligibleAsync(Guid workOrderId, Guid staffId, CancellationToken cancellationToken)
    {
        var candidates = await Admin.GetFromJsonAsync<JsonElement>($"/api/maintenance/work-orders/{workOrderId}/candidates?trade=plumbing", ApiJson.Options, cancellationToken);
        return candidates.GetProperty("candidates").EnumerateArray()
            .Any(c => c.GetProperty("staffId").GetGuid() == staffId && c.GetProperty("eligible").GetBoolean());
    }
}
