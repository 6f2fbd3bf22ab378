using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Gate;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// The guard scans the owner's QR code with the camera on the pass check page: the code read goes into the field and is
/// checked online as a pasted one; a picture that gives no code says why next to the control and changes nothing.
/// </summary>
public sealed class PassScanPageTests : GatewayPageTest
{
    private const string CheckPath = "/api/security-gate/passes/check";
    private static readonly Guid Estate = Guid.NewGuid();
    private bool _gatewayDown;

    public PassScanPageTests()
    {
        User.SetAuthorized("guard.north");
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"gate/pass?estate={Estate}");
    }

    private IRenderedComponent<PassCheck> Render()
    {
        var page = Context.Render<PassCheck>();
        page.WaitForElement("form[data-interactive=true]");
        return page;
    }

    private static void Scan(IRenderedComponent<PassCheck> page, byte[] picture, string name = "pass.jpg", string contentType = "image/jpeg") =>
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(picture, name, contentType: contentType));

    private int Checks => Asked.Count(path => path == CheckPath);

    [Fact]
    public void The_scan_input_asks_for_a_picture_from_the_rear_camera()
    {
        var input = Render().Find("input#scan-input");

        (input.GetAttribute("type"), input.GetAttribute("accept"), input.GetAttribute("capture")).Should().Be(("file", "image/*", "environment"));
    }

    [Fact]
    public void A_scanned_QR_code_is_checked_online_as_the_pass_code_and_its_verdict_shown()
    {
        var token = PassPhotos.Token();
        var page = Render();

        Scan(page, PassPhotos.Photo(token));

        page.WaitForAssertion(() => page.Find("[data-testid=verdict]").TextContent.Should().Contain("Valid: let the visitor in").And.Contain("Zhang Wei"));
        Checks.Should().Be(1);
        Sent.Should().ContainSingle().Which.Should().Be($"{{\"token\":\"{token}\"}}");
        page.FindAll("[data-testid=scan-error]").Should().BeEmpty();
    }

    [Fact]
    public void A_scanned_code_whose_check_got_no_answer_stays_in_the_field_to_check_again()
    {
        _gatewayDown = true;
        var token = PassPhotos.Token();
        var page = Render();

        Scan(page, PassPhotos.QrPng(token), "pass.png", "image/png");

        page.WaitForAssertion(() => Checks.Should().Be(1));
        page.WaitForAssertion(() => page.Find("#token").GetAttribute("value").Should().Be(token));
    }

    [Theory]
    [InlineData("not-a-picture", "This file is not a picture: take a photo of the pass's QR code.")]
    [InlineData("no-qr", "No readable QR code in the picture: take it again with the QR code filling the frame, or paste the code.")]
    [InlineData("too-large", "The picture is larger than 10 MB: take it again or choose a smaller one.")]
    public async Task A_picture_that_gives_no_code_says_why_next_to_the_control_and_changes_neither_the_field_nor_the_verdict(string picture, string message)
    {
        var page = Render();
        Scan(page, PassPhotos.QrPng(PassPhotos.Token()), "pass.png", "image/png");
        page.WaitForElement("[data-testid=verdict]");
        await page.Find("#token").ChangeAsync(new ChangeEventArgs { Value = "typed by the guard" });

        Scan(page, picture switch
        {
            "not-a-picture" => "GP1.not-a-picture"u8.ToArray(),
            "no-qr" => PassPhotos.PhotoWithoutQr(),
            _ => new byte[PassQrReader.MaxBytes + 1],
        });

        page.WaitForAssertion(() => page.Find("[data-testid=scan-error]").TextContent.Should().Be(message));
        page.Find("[data-testid=scan-error]").ParentElement!.QuerySelector("#scan-input").Should().NotBeNull("the message is by the control");
        page.Find("#token").GetAttribute("value").Should().Be("typed by the guard");
        page.Find("[data-testid=verdict]").TextContent.Should().Contain("Zhang Wei");
        Checks.Should().Be(1, "only the first, readable picture was checked");
    }

    protected override object? Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path == CheckPath)
        {
            return _gatewayDown
                ? new HttpResponseMessage(HttpStatusCode.BadGateway)
                : new PassCheckView(true, null, Guid.NewGuid(), "Zhang Wei", null, 1, Guid.NewGuid());
        }

        return path == $"/api/reception/estates/{Estate}" ? new EstateView(Estate, "North Garden", "Asia/Shanghai") : null;
    }
}
