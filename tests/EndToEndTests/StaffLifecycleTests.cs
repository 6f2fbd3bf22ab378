using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.EndToEndTests;

/// <summary>hr-training's staff roster drives access: the end of an employment, recorded by HR, closes the person's account at identity.</summary>
public sealed class StaffLifecycleTests(Platform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Technician = [PlatformRoles.Technician];
    private static readonly string[] Plumbing = ["plumbing"];
    private static readonly string[] Clerk = [PlatformRoles.FrontDeskClerk];

    [Fact]
    public async Task A_person_whose_employment_HR_ended_can_no_longer_sign_in()
    {
        var userName = $"tech.{Guid.NewGuid():N}"[..20];
        var account = await (await platform.Admin.PostAsJsonAsync("/api/identity/accounts", new
        {
            userName, displayName = "Leaving Technician", password = DemoGroup.Password, roles = Technician, estateIds = new[] { DemoGroup.North },
            trades = Plumbing,
        }, Ct)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct);
        var staffId = account.GetProperty("id").GetGuid();
        await platform.SignInForTokensAsync(userName, Ct);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (await platform.Admin.PostAsJsonAsync("/api/hr-training/staff", new
        {
            staffId, displayName = "Leaving Technician", position = "technician", trades = Plumbing, homeEstateId = DemoGroup.North,
            estateIds = new[] { DemoGroup.North }, startsOn = today,
        }, Ct)).EnsureSuccessStatusCode();

        (await platform.Admin.PostAsJsonAsync($"/api/hr-training/staff/{staffId}/end", new { lastDay = today, reason = "Dismissed" }, Ct))
            .EnsureSuccessStatusCode();

        await Eventually.Async(async () =>
        {
            try
            {
                await platform.SignInForTokensAsync(userName, Ct);
                return false;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }, TimeSpan.FromSeconds(60), "identity should disable the account once hr-training's EmploymentEnded arrives");
    }

    [Fact]
    public async Task A_person_dismissed_on_the_discipline_ladder_can_no_longer_sign_in()
    {
        var userName = $"clerk.{Guid.NewGuid():N}"[..20];
        var account = await (await platform.Admin.PostAsJsonAsync("/api/identity/accounts", new
        {
            userName, displayName = "Third Strike", password = DemoGroup.Password, roles = Clerk, estateIds = new[] { DemoGroup.North },
        }, Ct)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct);
        var staffId = account.GetProperty("id").GetGuid();
        await platform.SignInForTokensAsync(userName, Ct);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (await platform.Admin.PostAsJsonAsync("/api/hr-training/staff", new
        {
            staffId, displayName = "Third Strike", position = "front-desk clerk", trades = Array.Empty<string>(), homeEstateId = DemoGroup.North,
            estateIds = new[] { DemoGroup.North }, startsOn = today,
        }, Ct)).EnsureSuccessStatusCode();
        JsonElement step = default;
        foreach (var breach in new[] { "Late for the morning meeting", "Left the desk unattended", "Asked a colleague to sign in for them" })
        {
            step = await (await platform.Admin.PostAsJsonAsync($"/api/hr-training/staff/{staffId}/breaches",
                new { estateId = DemoGroup.North, occurredOn = today, breach }, Ct)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct);
        }

        step.GetProperty("step").GetString().Should().Be("DismissalProposal");
        (await platform.Admin.PostAsJsonAsync($"/api/hr-training/discipline/{step.GetProperty("id").GetGuid()}/decide",
            new { confirm = true, note = "Third breach", lastDay = today }, Ct)).EnsureSuccessStatusCode();

        await Eventually.Async(async () =>
        {
            try
            {
                await platform.SignInForTokensAsync(userName, Ct);
                return false;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }, TimeSpan.FromSeconds(60), "identity should disable the account once the confirmed dismissal's EmploymentEnded arrives");
    }
}
