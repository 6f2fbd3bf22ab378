using Bunit;
using PropertyPlatform.Web.Components.Pages.Owner.Passes;

namespace PropertyPlatform.Web.Tests;

/// <summary>The owner's pass as a QR code: an SVG drawn on the server, named for people, the token only inside the image.</summary>
public sealed class PassQrTests : EnglishComponentTest
{
    private const string Token = "eyJwIjoiMDE5N2EwMDAifQ.c2lnbmF0dXJl";

    [Fact]
    public void The_pass_is_an_svg_image_labelled_with_the_visitor_and_its_token_is_not_written_out_as_text()
    {
        var qr = Context.Render<PassQr>(p => p.Add(c => c.Token, Token).Add(c => c.VisitorName, "Chen Jie")).Find("[data-testid=pass-qr]");

        qr.GetAttribute("role").Should().Be("img");
        qr.GetAttribute("aria-label").Should().Be("QR code of the pass for Chen Jie");
        qr.QuerySelector("svg").Should().NotBeNull();
        qr.QuerySelectorAll("rect, path").Should().NotBeEmpty("the modules are drawn");
        qr.InnerHtml.Should().NotContain(Token);
    }

    [Fact]
    public void Different_tokens_draw_different_codes_and_the_same_token_the_same_one()
    {
        PassQr.Svg(Token).Should().Be(PassQr.Svg(Token)).And.NotBe(PassQr.Svg(Token + "x"));
    }
}
