using System.Text.Json;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;

namespace PropertyPlatform.BrowserTests;

/// <summary>The owners' portal as an installable app: its manifest linked and served, its service worker running.</summary>
public sealed class OwnerAppTests(BrowserSystem system) : BrowserTest(system)
{
    protected override ViewportSize Viewport => Phone;

    [Fact]
    public async Task The_portal_links_a_manifest_with_its_icons_and_registers_a_service_worker_that_caches_only_the_shell()
    {
        await SignInAsync("/owner/units", DemoGroup.OwnerNorth);

        var href = await Page.Locator("link[rel=manifest]").GetAttributeAsync("href");
        var manifestResponse = await Page.APIRequest.GetAsync(href!);
        manifestResponse.Status.Should().Be(200);
        var manifest = JsonDocument.Parse(await manifestResponse.TextAsync()).RootElement;
        (manifest.GetProperty("start_url").GetString(), manifest.GetProperty("display").GetString()).Should().Be(("/owner/units", "standalone"));
        manifest.GetProperty("theme_color").GetString().Should().NotBeNullOrEmpty();
        foreach (var icon in manifest.GetProperty("icons").EnumerateArray())
        {
            var png = await Page.APIRequest.GetAsync(icon.GetProperty("src").GetString()!);
            (png.Status, png.Headers["content-type"]).Should().Be((200, "image/png"), icon.GetProperty("sizes").GetString());
        }

        manifest.GetProperty("icons").EnumerateArray().Select(i => i.GetProperty("sizes").GetString()).Should().BeEquivalentTo(["192x192", "512x512"]);

        var scope = await Page.EvaluateAsync<string>("async () => (await navigator.serviceWorker.ready).scope");
        scope.Should().EndWith("/");
        var cached = await Page.EvaluateAsync<string[]>(
            "async () => { const keys = await caches.keys(); const all = []; for (const k of keys) { for (const r of await (await caches.open(k)).keys()) all.push(new URL(r.url).pathname); } return all; }");
        cached.Should().Contain("/offline.html").And.OnlyContain(path => !path.StartsWith("/api", StringComparison.Ordinal) && !path.StartsWith("/owner", StringComparison.Ordinal),
            "only the shell is cached, never an API answer or an owner's page");
    }
}
