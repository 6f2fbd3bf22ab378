using Microsoft.Playwright;
using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// Debian's chromium, driven by Playwright: installed with apt-get when missing (as the AppHost installs PostgreSQL),
/// never a browser build of Playwright's own (nothing is downloaded from outside the package registries).
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        await PackageAcquirer.EnsureInstalledAsync("Chromium", [ExecutablePath], "chromium", progress, cancellationToken);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
        return (playwright, browser);
    }
}
