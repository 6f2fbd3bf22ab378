using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>Li Wei writes to the desk from a phone; the clerk answers against reception's 5-minute answer clock.</summary>
public sealed class MessagesTests(BrowserSystem system) : BrowserTest(system)
{
    protected override ViewportSize Viewport => Phone;

    [Fact]
    public async Task An_owners_message_waits_at_the_desk_with_receptions_answer_clock_until_the_clerk_replies_and_the_owner_reads_the_reply()
    {
        var subject = Unique("Hall light");
        var answer = Unique("We will replace it today");
        using var desk = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);

        await SignInAsync("/owner/messages", DemoGroup.OwnerNorth);
        await WaitForInteractiveFormAsync();
        await FillFieldAsync("subject", subject);
        await TypeIntoTextAreaAsync("messageBody", "The hall light on floor 1 flickers.");
        await Button("Send").ClickAsync();
        var sent = Page.GetByTestId("message-sent").GetByRole(AriaRole.Link, new() { Name = subject });
        await Assertions.Expect(sent).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        var messageId = Guid.Parse((await sent.GetAttributeAsync("href"))!.Split('/')[^1]);

        await Context.ClearCookiesAsync();
        await Page.SetViewportSizeAsync(1280, 900);
        await SignInAsync($"/desk/messages?estate={DemoGroup.North}", DemoGroup.ClerkNorth);
        var row = Page.Locator($"tr[data-message-id='{messageId}']");
        var stored = await desk.GetFromJsonAsync<JsonElement>($"/api/reception/messages/{messageId}", ApiJson.Options, Ct);
        var estate = await desk.GetFromJsonAsync<JsonElement>($"/api/reception/estates/{DemoGroup.North}", ApiJson.Options, Ct);
        // The page shows reception's deadline in the estate's time (today's as HH:mm, a later day's with its date).
        var due = TimeZoneInfo.ConvertTime(stored.GetProperty("answerDueAt").GetDateTimeOffset(),
            TimeZoneInfo.FindSystemTimeZoneById(estate.GetProperty("timeZoneId").GetString()!));
        await Assertions.Expect(row.GetByTestId("answer-clock")).ToContainTextAsync(
            new System.Text.RegularExpressions.Regex($"(answer by|was due) .*({due:HH:mm}|{due:h:mm})"));
        await AssertAccessibleAsync();
        await SaveDocumentationScreenshotAsync("clerk-messages.png");

        await row.GetByRole(AriaRole.Link, new() { Name = subject }).ClickAsync();
        await WaitForInteractiveFormAsync();
        await Assertions.Expect(Page.GetByTestId("thread-unit")).ToContainTextAsync("Unit 1 – 101");
        await TypeIntoTextAreaAsync("replyBody", answer);
        await Button("Send reply").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("reply-sent")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("thread-state")).ToHaveTextAsync("Answered");
        await AssertAccessibleAsync();
        stored = await desk.GetFromJsonAsync<JsonElement>($"/api/reception/messages/{messageId}", ApiJson.Options, Ct);
        stored.GetProperty("awaitingReply").GetBoolean().Should().BeFalse();
        var replies = await desk.GetFromJsonAsync<JsonElement>($"/api/reception/messages/{messageId}/replies", ApiJson.Options, Ct);
        var reply = replies.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        (reply.GetProperty("from").GetString(), reply.GetProperty("body").GetString()).Should().Be(("FrontDesk", answer));

        await Context.ClearCookiesAsync();
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await SignInAsync($"/owner/messages/{messageId}", DemoGroup.OwnerNorth);
        await Assertions.Expect(Page.GetByTestId("thread").Locator("li[data-from=FrontDesk]")).ToContainTextAsync(answer);
        await AssertAccessibleAsync();
        await SaveDocumentationScreenshotAsync("owner-messages-phone.png");
    }
}
