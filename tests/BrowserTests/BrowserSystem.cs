using Aspire.Hosting;
using Aspire.Hosting.Testing;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

[assembly: AssemblyFixture(typeof(PropertyPlatform.BrowserTests.BrowserSystem))]

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// The whole system from the AppHost's model with the demo group (one start for every browser test), and Debian's
/// chromium (installed when missing) to drive the web app through the gateway, as a person would.
/// </summary>
public sealed class BrowserSystem : IAsyncLifetime
{
    private DirectoryInfo? _state;

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>The public entry: the gateway, which serves the web app at <c>/</c>.</summary>
    public Uri Gateway { get; private set; } = null!;

    /// <summary>The AppHost's state folder of this run (its secrets/ holds what a test may need to play an outside party).</summary>
    public DirectoryInfo StateDirectory => _state!;

    public async ValueTask InitializeAsync()
    {
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await Chromium.EnsureInstalledAsync(Console.WriteLine, startup.Token);
        _state = TestState.CreateDirectory("browser");
        var builder = (await AppHostTesting.CreateBuilderAsync(_state, startup.Token)).WithDemoGroup();
        // Every person of every test signs in from the same address (the gateway's): identity's limit of login attempts
        // per address and minute is meant for one person's device.
        builder.Project("identity").WithEnvironment("Identity__LoginPermitsPerMinute", "120");
        App = await builder.BuildAsync(startup.Token);
        await App.StartAsync(startup.Token);
        await DemoSystem.WaitUntilHealthyAsync(App, DemoSystem.Resources, TimeSpan.FromMinutes(6));
        Gateway = App.GetEndpoint("gateway", "http");
    }

    /// <summary>The gateway as <paramref name="userName"/>, signed in through the login page (to arrange data through the API).</summary>
    public async Task<HttpClient> ApiAsync(string userName, CancellationToken cancellationToken)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() })
        {
            BaseAddress = Gateway,
        };
        var tokens = await new AuthorizationCodeFlow(browser, DemoGroup.WebConsole, DemoGroup.RedirectUri(DemoGroup.WebConsole), DemoGroup.AllScopes,
            userName, DemoGroup.Password).RunAsync(cancellationToken);
        var client = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (_state is not null)
        {
            TestState.Delete(_state);
        }
    }
}
