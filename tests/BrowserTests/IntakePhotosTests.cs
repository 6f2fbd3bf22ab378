using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// Photos sent with a new request: the owner's report on his phone, and the desk's intake. Each photo goes to reception
/// through the gateway first, the request names it, and the request's detail shows it to the desk and to the owner.
/// </summary>
public sealed class IntakePhotosTests(BrowserSystem system) : BrowserTest(system)
{
    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    protected override ViewportSize Viewport => Phone;

    [Fact]
    public async Task An_owner_on_a_phone_reports_a_problem_with_a_photo_and_the_clerk_sees_the_photo_on_the_request()
    {
        var crack = Unique("Crack in the bathroom tiles");

        await SignInAsync("/owner/report", DemoGroup.OwnerNorth);
        await WaitForInteractiveFormAsync();
        await Assertions.Expect(Page.Locator("#photo-input")).ToHaveAttributeAsync("accept", "image/*");
        await TypeIntoTextAreaAsync("description", crack);
        await Page.Locator("#photo-input").SetInputFilesAsync(new FilePayload { Name = "tiles.png", MimeType = "image/png", Buffer = Photo });
        await Assertions.Expect(Page.GetByTestId("picked-photos")).ToContainTextAsync("tiles.png");
        await AssertAccessibleAsync();
        await Button("Send").ClickAsync();

        await ExpectVisibleAsync(Page, Page.GetByTestId("reported"));
        await Assertions.Expect(Page.GetByTestId("picked-photos")).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Follow your request" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("request-photos").GetByRole(AriaRole.Img, new() { Name = "Photo 1" })).ToBeVisibleAsync();
        await Page.PhotoDrawnAsync("request-photos");
        var requestId = Guid.Parse(Page.Url.Split('/')[^1]);
        await StoredPhotoOfAsync(requestId);

        var clerk = await OtherPersonAsync(DemoGroup.ClerkNorth, $"/desk/requests/{requestId}", Desktop);
        await Assertions.Expect(clerk.GetByText(crack)).ToBeVisibleAsync();
        await clerk.PhotoDrawnAsync("request-photos");
        await Assertions.Expect(clerk.GetByTestId("request-photos").Locator("a")).ToHaveAttributeAsync("target", "_blank");
    }

    [Fact]
    public async Task The_desk_records_a_request_with_a_photo_after_receptions_refusal_of_a_file_that_is_no_photo_kept_what_was_typed()
    {
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        var description = Unique("Broken lobby window");
        await SignInAsync("/desk/intake", DemoGroup.ClerkNorth);
        await WaitForInteractiveFormAsync();
        await TypeIntoTextAreaAsync("description", description);
        await FillFieldAsync("requesterName", "Zhang Wei");

        // A text file sent as a PNG: reception reads its bytes and refuses it; the field says so and nothing is recorded.
        await Page.Locator("#photo-input").SetInputFilesAsync(new FilePayload { Name = "notes.png", MimeType = "image/png", Buffer = "not a photo"u8.ToArray() });
        await Assertions.Expect(Page.GetByTestId("picked-photos")).ToContainTextAsync("notes.png");
        await Button("Record").ClickAsync();
        await Assertions.Expect(Page.Locator("#photos-field [data-testid=photo-error]"))
            .ToHaveTextAsync("notes.png: Must be a JPEG, PNG, WebP or HEIC photo.");
        await Assertions.Expect(Page.Locator("#description textarea")).ToHaveValueAsync(description);
        await Assertions.Expect(Page.Locator("#requesterName input")).ToHaveValueAsync("Zhang Wei");
        await AssertAccessibleAsync();

        await Page.Locator("fluent-button[aria-label='Remove notes.png']").ClickAsync();
        await Page.Locator("#photo-input").SetInputFilesAsync(new FilePayload { Name = "window.png", MimeType = "image/png", Buffer = Photo });
        await Assertions.Expect(Page.GetByTestId("picked-photos")).ToHaveTextAsync(new Regex(@"^\s*window\.png\s*Remove\s*$"));
        await Button("Record").ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/desk/queue"));
        using var desk = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var requests = await desk.GetFromJsonAsync<JsonElement>($"/api/reception/requests?estateId={DemoGroup.North}&limit=100", ApiJson.Options, Ct);
        var requestId = requests.GetProperty("items").EnumerateArray().Should()
            .ContainSingle(r => r.GetProperty("description").GetString() == description).Subject.GetProperty("id").GetGuid();
        await StoredPhotoOfAsync(requestId);
        await Page.GotoAsync($"/desk/requests/{requestId}");
        await Page.PhotoDrawnAsync("request-photos");
        await Assertions.Expect(Page.GetByText("Photos sent with the request")).ToBeVisibleAsync();
    }

    /// <summary>The request holds exactly the one photo sent, byte for byte.</summary>
    private async Task StoredPhotoOfAsync(Guid requestId)
    {
        using var desk = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var photos = await desk.GetFromJsonAsync<JsonElement>($"/api/reception/requests/{requestId}/attachments", ApiJson.Options, Ct);
        var photoId = photos.EnumerateArray().Should().ContainSingle().Subject.GetProperty("id").GetGuid();
        (await desk.GetByteArrayAsync($"/api/reception/requests/{requestId}/attachments/{photoId}", Ct)).Should().Equal(Photo);
    }
}
