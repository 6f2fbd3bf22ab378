using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// A satisfaction survey from the supervisor's console to Li Wei's phone and back: drafted and published, answered by
/// the owner, its results read against the 90 % target.
/// </summary>
public sealed class SurveysTests(BrowserSystem system) : BrowserTest(system)
{
    [Fact]
    public async Task A_survey_the_supervisor_publishes_is_answered_on_the_owners_phone_and_counts_in_its_results()
    {
        var title = Unique("Spring satisfaction");

        await SignInAsync("/supervisor/surveys", SupervisorNorth);
        await WaitForInteractiveFormAsync();
        await FillFieldAsync("title", title);
        await Button("Publish").ClickAsync();
        await Assertions.Expect(Page.Locator("#text-0-field")).ToContainTextAsync("Required");

        await FillFieldAsync("text-0", "How satisfied are you with the front desk?");
        await Button("Add a question").ClickAsync();
        await ChooseAsync(Page, "kind-1", "One of several options");
        await FillFieldAsync("text-1", "What should we improve first?");
        await TypeIntoTextAreaAsync("options-1", "Cleaning\nSecurity");
        await Button("Publish").ClickAsync();
        await ExpectVisibleAsync(Page, Page.GetByTestId("survey-outcome").Filter(new() { HasText = "Published" }));
        await Assertions.Expect(Page.Locator("tr", new() { HasText = title }).GetByTestId("survey-status")).ToHaveTextAsync("Open");

        var owner = await OtherPersonAsync(DemoGroup.OwnerNorth, "/owner/surveys", Phone);
        await owner.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(owner.Locator("form[data-interactive=true]")).ToBeVisibleAsync();
        await owner.Locator("fluent-button", new() { HasText = "Send answers" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#question-1-field")).ToContainTextAsync("required");
        await ChooseAsync(owner, "question-1", "4 · Satisfied");
        await ChooseAsync(owner, "question-2", "Cleaning");
        await AssertAccessibleAsync(owner);
        await SaveDocumentationScreenshotAsync("owner-survey-phone.png", owner);
        await owner.Locator("fluent-button", new() { HasText = "Send answers" }).ClickAsync();
        await ExpectVisibleAsync(owner, owner.GetByTestId("survey-answered"));
        await owner.GotoAsync("/owner/surveys");
        await Assertions.Expect(owner.Locator("h1")).ToHaveTextAsync("Surveys");
        await Assertions.Expect(owner.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveCountAsync(0);

        using var api = await System.ApiAsync(SupervisorNorth, Ct);
        var surveys = await api.GetFromJsonAsync<JsonElement>($"/api/reception/surveys?estateId={DemoGroup.North}&status=Open&limit=50", ApiJson.Options, Ct);
        var surveyId = surveys.GetProperty("items").EnumerateArray().Should().ContainSingle(s => s.GetProperty("title").GetString() == title).Subject
            .GetProperty("id").GetGuid();
        var stored = await api.GetFromJsonAsync<JsonElement>($"/api/reception/surveys/{surveyId}/results", ApiJson.Options, Ct);
        stored.GetProperty("responses").GetInt32().Should().Be(1);
        var questions = stored.GetProperty("questions");
        questions[0].GetProperty("distribution").EnumerateArray().Select(c => c.GetInt32()).Should().Equal(0, 0, 0, 1, 0);
        questions[1].GetProperty("choices").EnumerateArray().Select(c => (c.GetProperty("option").GetString(), c.GetProperty("count").GetInt32()))
            .Should().Equal(("Cleaning", 1), ("Security", 0));

        await Page.Locator("tr", new() { HasText = title }).Locator("fluent-button").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("survey-responses")).ToContainTextAsync("Responses: 1 of");
        await Assertions.Expect(Page.GetByTestId("survey-satisfaction")).ToContainTextAsync("Satisfaction 100%");
        await Assertions.Expect(Page.GetByTestId("survey-satisfaction")).ToContainTextAsync("Target met");
        await AssertAccessibleAsync();
        await SaveDocumentationScreenshotAsync("supervisor-surveys.png");
    }

    /// <summary>Picks an option of a FluentUI select: only the open select's options are visible.</summary>
    private static async Task ChooseAsync(IPage page, string id, string option)
    {
        await page.Locator($"#{id}").ClickAsync();
        await page.Locator("fluent-option:visible", new() { HasText = option }).ClickAsync();
    }
}
