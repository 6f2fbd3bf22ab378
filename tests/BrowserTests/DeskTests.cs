using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.BrowserTests;

/// <summary>The front desk's clerk at North Garden: today's queue, intake, and what they may not see.</summary>
public sealed partial class DeskTests(BrowserSystem system) : BrowserTest(system)
{
    private static string QueueOfNorth => $"/desk/queue?estate={DemoGroup.North}";

    private static string Unique(string what) => $"{what} {Guid.NewGuid():N}"[..(what.Length + 9)];

    private async Task<JsonElement> RecordThroughTheApiAsync(string clerk, Guid estateId, Guid unitId, string description)
    {
        using var api = await System.ApiAsync(clerk, Ct);
        var response = await api.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId, unitId, channel = "phone", category = "inquiry", urgency = "normal", description,
            requesterName = "Li Wei", requesterPhone = "13800001234",
        }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct);
    }

    private async Task<List<JsonElement>> RequestsOfNorthAsync()
    {
        using var api = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var page = await api.GetFromJsonAsync<JsonElement>($"/api/reception/requests?estateId={DemoGroup.North}&limit=100", ApiJson.Options, Ct);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private ILocator Row(string description) => Page.Locator("tr", new() { HasText = description });

    [Fact]
    public async Task A_signed_in_clerk_sees_a_request_recorded_through_the_API_in_todays_queue_with_its_routing_clock_and_feedback_due()
    {
        var description = Unique("Lift stops between floors");
        await RecordThroughTheApiAsync(DemoGroup.ClerkNorth, DemoGroup.North, DemoGroup.NorthUnit101, description);

        await SignInAsync("/", DemoGroup.ClerkNorth);

        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/desk/queue"));
        var row = Row(description);
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByTestId("routing-clock")).ToHaveTextAsync(new Regex("left to route|Routed at"));
        await Assertions.Expect(row.GetByTestId("feedback")).ToContainTextAsync("Feedback due");
        await AssertAccessibleAsync();
        await SaveDocumentationScreenshotAsync("clerk-queue.png");
    }

    [Fact]
    public async Task The_clerk_routes_an_inquiry_to_a_department_resolves_it_and_records_the_same_day_feedback_on_its_page()
    {
        var description = Unique("Where is the bulky waste point");
        var id = (await RecordThroughTheApiAsync(DemoGroup.ClerkNorth, DemoGroup.North, DemoGroup.NorthUnit101, description)).GetProperty("id").GetGuid();

        await SignInAsync($"/desk/requests/{id}", DemoGroup.ClerkNorth);
        await WaitForInteractiveFormAsync();
        await Page.Locator("#department").ClickAsync();
        await Page.Locator("#department fluent-option", new() { HasTextString = "Cleaning" }).ClickAsync();
        await FillFieldAsync("assignee", "Wang Fang");
        await Button("Route").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("request-status")).ToHaveTextAsync("Routed");

        // Resolving without saying what was done: reception's error under the field, and the request stays routed.
        await Button("Resolve").ClickAsync();
        await Assertions.Expect(Page.Locator("#resolution-field")).ToContainTextAsync("Required.");
        await Assertions.Expect(Page.GetByTestId("request-status")).ToHaveTextAsync("Routed");
        await AssertAccessibleAsync();
        await TypeIntoTextAreaAsync("resolution", "Showed the owner the bulky waste point behind building 3");
        await Button("Resolve").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("request-status")).ToHaveTextAsync("Completed");

        await TypeIntoTextAreaAsync("note", "Told Li Wei by phone");
        await Button("Record the feedback").ClickAsync();
        await Assertions.Expect(Page.Locator("#note")).ToHaveCountAsync(0);

        using var api = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var request = await api.GetFromJsonAsync<JsonElement>($"/api/reception/requests/{id}", ApiJson.Options, Ct);
        request.GetProperty("routedTo").GetString().Should().Be("Cleaning");
        request.GetProperty("assignee").GetString().Should().Be("Wang Fang");
        request.GetProperty("resolution").GetString().Should().Be("Showed the owner the bulky waste point behind building 3");
        request.GetProperty("feedbackGivenAt").ValueKind.Should().Be(JsonValueKind.String);
    }

    [Fact]
    public async Task Intake_without_a_description_shows_receptions_field_error_next_to_the_field_and_records_nothing()
    {
        var requester = Unique("Requester");
        await SignInAsync("/desk/intake", DemoGroup.ClerkNorth);
        await WaitForInteractiveFormAsync();

        await FillFieldAsync("requesterName", requester);
        await Button("Record").ClickAsync();

        await Assertions.Expect(Page.Locator("#description-field")).ToContainTextAsync("Required.");
        await AssertAccessibleAsync();
        (await RequestsOfNorthAsync()).Should().NotContain(r => r.GetProperty("requesterName").GetString() == requester);
    }

    [Fact]
    public async Task A_clerk_reading_in_Chinese_gets_receptions_field_error_in_Chinese()
    {
        await SignInAsync("/desk/intake", DemoGroup.ClerkNorth);
        await Page.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("登记新请求");
        await WaitForInteractiveFormAsync();

        await FillFieldAsync("requesterName", Unique("Requester"));
        await Page.Locator("fluent-button[type=submit]").ClickAsync();

        // Reception's "Required." as reception says it to a reader who prefers Chinese (the page sends its language).
        await Assertions.Expect(Page.Locator("#description-field")).ToContainTextAsync("必填。");
        await Assertions.Expect(Page.Locator("#description-field")).Not.ToContainTextAsync("Required.");
    }

    [Fact]
    public async Task A_request_recorded_at_intake_appears_in_todays_queue()
    {
        var description = Unique("Water stain on the hall ceiling");
        await SignInAsync("/desk/intake", DemoGroup.ClerkNorth);
        await WaitForInteractiveFormAsync();

        await TypeIntoTextAreaAsync("description", description);
        await FillFieldAsync("requesterName", "Zhang Wei");
        await Button("Record").ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/desk/queue"));
        await Assertions.Expect(Row(description)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_North_clerk_opening_a_South_request_gets_a_plain_message()
    {
        var south = await RecordThroughTheApiAsync(DemoGroup.ClerkSouth, DemoGroup.South, DemoGroup.SouthUnit101, Unique("Gate buzzer broken"));

        await SignInAsync($"/desk/requests/{south.GetProperty("id").GetGuid()}", DemoGroup.ClerkNorth);

        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("This record does not exist or is not in an estate you work for.");
        await Assertions.Expect(Page.GetByText("Gate buzzer broken")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_here_and_at_identity()
    {
        await SignInAsync(QueueOfNorth, DemoGroup.ClerkNorth);

        // The sign-out ends at identity's login page (after identity's end-session and the return to "/"): leaving
        // earlier, at the first page off the desk, would cut identity's sign-out short and its session would sign in again.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));

        await Page.GotoAsync(QueueOfNorth);

        await Assertions.Expect(Page.Locator("input[name=UserName]")).ToBeVisibleAsync();
        (await Context.CookiesAsync()).Should().NotContain(c => c.Name == "propertyplatform.web");
    }

    [Fact]
    public async Task Signing_out_while_the_page_reloads_still_ends_at_identity()
    {
        await SignInAsync(QueueOfNorth, DemoGroup.ClerkNorth);
        await WaitForInteractiveAsync();
        var toSignIn = new TaskCompletionSource();
        var notFollowed = new TaskCompletionSource();
        Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/signin?", StringComparison.Ordinal))
            {
                toSignIn.TrySetResult();
            }
        };
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("signing out", StringComparison.Ordinal))
            {
                notFollowed.TrySetResult();
            }
        };
        // The sign-out's answer (the way on to identity's end-session) is held back until the queue's circuit has
        // reloaded (every 20 s): the web has ended the session, identity has not yet, the page is still shown. Its
        // circuit finding the session gone used to send the browser to sign-in, which cut the sign-out short: identity,
        // still signed in, signed the clerk straight back in (CI: the desk again, not the login page).
        await Page.RouteAsync("**/signout", async route =>
        {
            var ended = await route.FetchAsync(new() { MaxRedirects = 0 });
            await Task.WhenAny(toSignIn.Task, notFollowed.Task, Task.Delay(TimeSpan.FromSeconds(60)));
            try
            {
                await route.FulfillAsync(new() { Response = ended });
            }
            catch (PlaywrightException)
            {
                // The browser had gone to sign-in (the behaviour this test guards against).
            }
        });

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync(new() { Timeout = 90_000 });

        await Page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        notFollowed.Task.IsCompleted.Should().BeTrue("the queue reloaded while the sign-out was under way");
        toSignIn.Task.IsCompleted.Should().BeFalse("the page being signed out does not go to sign-in when its circuit finds the session gone");
        await Page.GotoAsync(QueueOfNorth);
        await Assertions.Expect(Page.Locator("input[name=UserName]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_lost_session_leads_to_sign_in_and_back_to_the_same_page()
    {
        await SignInAsync(QueueOfNorth, DemoGroup.ClerkNorth);
        (await Context.CookiesAsync()).Single(c => c.Name == "propertyplatform.web").HttpOnly.Should().BeTrue("the browser's script never sees the session");

        await Context.ClearCookiesAsync();
        // Off the queue first: its live page could start a navigation of its own that aborts the visit below (seen in a run).
        await Page.GotoAsync("about:blank");
        await Page.GotoAsync("/desk/intake");
        await Page.Locator("input[name=UserName]").FillAsync(DemoGroup.ClerkNorth);
        await Page.Locator("input[name=Password]").FillAsync(DemoGroup.Password);
        await Page.Locator("input[name=Password]").PressAsync("Enter");

        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/desk/intake$"));
    }

    [Fact]
    public async Task The_console_switches_to_Chinese_and_back()
    {
        await SignInAsync(QueueOfNorth, DemoGroup.ClerkNorth);
        // As on a slow phone whose component library has not loaded yet: the header's language buttons still switch (a
        // <fluent-button> there submitted nothing until its script had run, and a CI run's click right after a reload was lost).
        await Page.RouteAsync("**/_content/Microsoft.FluentUI.AspNetCore.Components/**", route => route.AbortAsync());
        await Page.ReloadAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("今日客户请求");
        await Page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Today's requests");
    }
}
