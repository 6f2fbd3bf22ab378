using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Owner;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// The owner's report with photos: each picked photo is uploaded to reception for the unit's estate, then the report
/// names their ids; a photo too large, or beyond the six a request takes, is left out with a word by the field; reception's refusal of a photo shows by the
/// field with the photo's name, keeps what was typed and sends no report; a photo uploaded once is not sent again when the
/// report is sent again.
/// </summary>
public sealed class ReportPhotosTests : GatewayPageTest
{
    private static readonly Guid Estate = Guid.NewGuid();
    private static readonly Guid Unit = Guid.NewGuid();
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAAAGklEQVR42mOQqzhBFcQwatCoQaMGjRpEGQIA86QNH1j7Fs8AAAAASUVORK5CYII=");

    private const string NotAPhoto = "Must be a JPEG, PNG, WebP or HEIC photo.";
    private const string TooShort = "At least 3 characters.";

    private readonly List<Guid> _uploaded = [];
    private bool _refusePhoto;
    private bool _refuseDescription;

    public ReportPhotosTests() => User.SetAuthorized("13800001234");

    [Fact]
    public async Task The_photos_are_uploaded_for_the_units_estate_and_the_report_names_them()
    {
        var page = Open();

        Pick(page, ("sink.png", Png), ("pipe.png", Png));
        page.WaitForAssertion(() => page.FindAll("[data-testid=picked-photos] li").Should().HaveCount(2));
        await DescribeAsync(page, "Leak under the sink");
        await page.Find("form").SubmitAsync();

        page.WaitForElement("[data-testid=reported]");
        Asked.Where(a => a.StartsWith("/api/reception/attachments", StringComparison.Ordinal) || a.StartsWith("/api/reception/requests", StringComparison.Ordinal))
            .Should().Equal("/api/reception/attachments", "/api/reception/attachments", "/api/reception/requests");
        Sent[0].Should().Contain(Estate.ToString()).And.Contain("sink.png");
        Report().AttachmentIds.Should().Equal(_uploaded);
        page.FindAll("[data-testid=picked-photos]").Should().BeEmpty("the photos went with the report");
    }

    [Fact]
    public void A_photo_larger_than_5_MB_is_left_out_with_its_name_by_the_field()
    {
        var page = Open();

        Pick(page, ("huge.jpg", new byte[(5 * 1024 * 1024) + 1]), ("sink.png", Png));

        page.WaitForAssertion(() => page.Find("#photos-field [data-testid=photo-error]").TextContent.Should().Be("huge.jpg is larger than 5 MB."));
        page.FindAll("[data-testid=picked-photos] li").Select(li => li.QuerySelector("span")!.TextContent).Should().Equal("sink.png");
    }

    [Fact]
    public void Photos_beyond_the_six_reception_takes_are_left_out_with_a_word_by_the_field()
    {
        var page = Open();

        Pick(page, [.. Enumerable.Range(1, 7).Select(i => ($"photo-{i}.png", Png))]);

        page.WaitForAssertion(() => page.Find("#photos-field [data-testid=photo-error]").TextContent.Should().Be("At most 6 photos per request."));
        page.FindAll("[data-testid=picked-photos] li").Should().HaveCount(6);
    }

    [Fact]
    public async Task A_removed_photo_is_not_sent()
    {
        var page = Open();
        Pick(page, ("sink.png", Png), ("blurred.png", Png));
        page.WaitForAssertion(() => page.FindAll("[data-testid=picked-photos] li").Should().HaveCount(2));

        await page.Find("fluent-button[aria-label='Remove blurred.png']").ClickAsync(new());
        await DescribeAsync(page, "Leak under the sink");
        await page.Find("form").SubmitAsync();

        page.WaitForElement("[data-testid=reported]");
        Sent.Count(s => s.Contains("blurred.png", StringComparison.Ordinal)).Should().Be(0);
        Report().AttachmentIds.Should().ContainSingle().Which.Should().Be(_uploaded.Single());
    }

    [Fact]
    public async Task Receptions_refusal_of_a_photo_shows_by_the_field_keeps_what_was_typed_and_sends_no_report()
    {
        _refusePhoto = true;
        var page = Open();
        Pick(page, ("notes.png", Png));
        page.WaitForElement("[data-testid=picked-photos]");
        await DescribeAsync(page, "Leak under the sink");

        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => page.Find("#photos-field [data-testid=photo-error]").TextContent.Should().Be($"notes.png: {NotAPhoto}"));
        Asked.Should().NotContain("/api/reception/requests");
        page.FindComponent<FluentTextArea>().Instance.Value.Should().Be("Leak under the sink");
        page.FindAll("[data-testid=picked-photos] li").Should().ContainSingle("the photo stays picked, to be removed or sent again");
    }

    [Fact]
    public async Task Receptions_refusal_of_a_photo_goes_when_the_photo_is_removed()
    {
        var page = await RefusedPhotoAsync();

        await page.Find("fluent-button[aria-label='Remove notes.png']").ClickAsync(new());

        page.WaitForAssertion(() => page.FindAll("[data-testid=picked-photos]").Should().BeEmpty());
        page.FindAll("#photos-field [data-testid=photo-error]").Should().BeEmpty("the refused photo is gone, so is reception's word on it");
    }

    [Fact]
    public async Task Receptions_refusal_of_a_photo_goes_when_another_photo_is_picked()
    {
        var page = await RefusedPhotoAsync();

        Pick(page, ("sink.png", Png));

        page.WaitForAssertion(() => page.FindAll("[data-testid=picked-photos] li").Should().HaveCount(2));
        page.FindAll("#photos-field [data-testid=photo-error]").Should().BeEmpty("the photos changed since reception's word on them");
    }

    [Fact]
    public async Task A_refusal_of_another_field_stays_when_the_photos_change()
    {
        _refuseDescription = true;
        var page = Open();
        await DescribeAsync(page, "Le");
        await page.Find("form").SubmitAsync();
        page.WaitForAssertion(() => page.Find("#description-field").TextContent.Should().Contain(TooShort));

        Pick(page, ("sink.png", Png));

        page.WaitForAssertion(() => page.FindAll("[data-testid=picked-photos] li").Should().ContainSingle());
        page.Find("#description-field").TextContent.Should().Contain(TooShort);
    }

    [Fact]
    public async Task A_report_sent_again_after_a_refusal_names_the_photo_already_uploaded_without_uploading_it_again()
    {
        _refuseDescription = true;
        var page = Open();
        Pick(page, ("sink.png", Png));
        page.WaitForElement("[data-testid=picked-photos]");
        await DescribeAsync(page, "Le");
        await page.Find("form").SubmitAsync();
        page.WaitForAssertion(() => page.Find("#description-field").TextContent.Should().Contain(TooShort));

        _refuseDescription = false;
        await DescribeAsync(page, "Leak under the sink");
        await page.Find("form").SubmitAsync();

        page.WaitForElement("[data-testid=reported]");
        Asked.Count(a => a == "/api/reception/attachments").Should().Be(1);
        Report().AttachmentIds.Should().Equal(_uploaded);
    }

    /// <summary>The report refused for its one photo, notes.png, with reception's word by the field.</summary>
    private async Task<IRenderedComponent<Report>> RefusedPhotoAsync()
    {
        _refusePhoto = true;
        var page = Open();
        Pick(page, ("notes.png", Png));
        page.WaitForElement("[data-testid=picked-photos]");
        await DescribeAsync(page, "Leak under the sink");
        await page.Find("form").SubmitAsync();
        page.WaitForAssertion(() => page.Find("#photos-field [data-testid=photo-error]").TextContent.Should().Be($"notes.png: {NotAPhoto}"));
        _refusePhoto = false;
        return page;
    }

    private IRenderedComponent<Report> Open()
    {
        var page = Context.Render<Report>();
        page.WaitForElement("form[data-interactive=true]");
        page.WaitForAssertion(() => Asked.Should().Contain(a => a.StartsWith("/api/reception/units/mine", StringComparison.Ordinal)));
        return page;
    }

    private static void Pick(IRenderedComponent<Report> page, params (string Name, byte[] Bytes)[] files) =>
        page.FindComponent<InputFile>().UploadFiles([.. files.Select(f => InputFileContent.CreateFromBinary(f.Bytes, f.Name, contentType: "image/png"))]);

    private static Task DescribeAsync(IRenderedComponent<Report> page, string text)
    {
        var field = page.FindComponent<FluentTextArea>();
        return field.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(text));
    }

    /// <summary>The last report the page sent.</summary>
    private NewRequestBody Report() =>
        JsonSerializer.Deserialize<NewRequestBody>(Sent[^1], GatewayClient.Json)!;

    protected override object? Answer(HttpRequestMessage request)
    {
        var now = DateTimeOffset.UtcNow;
        return request.RequestUri!.AbsolutePath switch
        {
            "/api/reception/units/mine" => new PageOf<OwnUnitView>([new(Unit, Estate, "North Garden", "Asia/Shanghai", "1", "101")], null),
            "/api/reception/attachments" when _refusePhoto => FieldProblem("file", NotAPhoto, "Bad input"),
            "/api/reception/attachments" => Uploaded(now),
            "/api/reception/requests" when _refuseDescription => FieldProblem("description", TooShort, "Bad input"),
            "/api/reception/requests" => new RequestView(
                Guid.NewGuid(), Estate, Unit, "App", "Repair", "Normal", "Leak under the sink", "13800001234", null, "Routed", now, now, now,
                false, now.AddHours(8), null, false, null),
            _ => null,
        };
    }

    private AttachmentView Uploaded(DateTimeOffset now)
    {
        var id = Guid.NewGuid();
        _uploaded.Add(id);
        return new AttachmentView(id, Estate, null, "photo.png", "image/png", Png.Length, now);
    }

}
