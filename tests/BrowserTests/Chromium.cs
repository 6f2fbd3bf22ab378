using Microsoft.Playwright;
using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// Debian's chromium, driven by Playwright: installed with apt-get when missing (as the AppHost installs PostgreSQL),
/// never a browser build of Playwright's own (nothing is downloaded from outside the package registries). A Chinese
/// font comes with it: without one, the console's Chinese shows as empty boxes.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private const string ChineseFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static async Task EnsureInstalledAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        await PackageAcquirer.EnsureInstalledAsync("Chromium", [ExecutablePath, ChineseFont], "chromium fonts-wqy-microhei", progress, cancellationToken);
    }

    public static BrowserTypeLaunchOptions LaunchOptions() => new() { ExecutablePath = ExecutablePath, Headless = true, Args = Arguments };
}
