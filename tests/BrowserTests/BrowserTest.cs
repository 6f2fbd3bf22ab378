using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// One browser context (its own cookies) and page per test, traced; a failed test leaves a screenshot and the
/// Playwright trace (and the page's HTML) under TestResults/playwright (open the trace with `playwright show-trace`).
/// Playwright's xunit v3 base classes keep one browser per test worker and close each test's contexts; the browser is
/// Debian's chromium (<see cref="Chromium"/>).
/// </summary>
public abstract class BrowserTest(BrowserSystem system) : Microsoft.Playwright.Xunit.v3.ContextTest
{
    /// <summary>A phone: the owners' portal is made for it.</summary>
    protected static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected BrowserSystem System => system;

    protected IPage Page { get; private set; } = null!;

    private readonly List<(string UserName, IBrowserContext Context)> _people = [];

    /// <summary>The viewport of this test's browser; desktop unless a test class says otherwise.</summary>
    protected virtual ViewportSize Viewport => new() { Width = 1280, Height = 900 };

    public override Task<BrowserTypeLaunchOptions?> LaunchOptionsAsync() => Task.FromResult<BrowserTypeLaunchOptions?>(Chromium.LaunchOptions());

    public override BrowserNewContextOptions ContextOptions() => ContextOptions(Viewport);

    private BrowserNewContextOptions ContextOptions(ViewportSize viewport, string locale = "en-US") =>
        new() { BaseURL = system.Gateway.ToString(), Locale = locale, ViewportSize = viewport };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Context.SetDefaultTimeout(30_000);
        // Expectations wait as long as actions: the default 5 s is shorter than a round trip through the gateway to a
        // service on a loaded 2-core machine (seen: the owner's report confirmed just after 5 s).
        SetDefaultExpectTimeout(30_000);
        await Context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true, Sources = false });
        Page = await Context.NewPageAsync();
    }

    /// <summary>Opens <paramref name="path"/>, signs in on identity's login page and waits to be back on the web app.</summary>
    protected Task SignInAsync(string path, string userName) => SignInAsync(Page, path, userName);

    private static async Task SignInAsync(IPage page, string path, string userName)
    {
        await page.GotoAsync(path);
        await page.Locator("input[name=UserName]").FillAsync(userName);
        await page.Locator("input[name=Password]").FillAsync(DemoGroup.Password);
        await page.Locator("input[name=Password]").PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal) && !url.Contains("/signin-callback", StringComparison.Ordinal));
    }

    /// <summary>
    /// Another person at their own browser (their own cookies), signed in on <paramref name="path"/>. Their page is kept
    /// with this test's: a failing test leaves a screenshot, the HTML and a trace of every person's page.
    /// </summary>
    protected async Task<IPage> OtherPersonAsync(string userName, string path, ViewportSize viewport, string locale = "en-US")
    {
        var page = await OtherBrowserAsync(userName, viewport, locale);
        await SignInAsync(page, path, userName);
        return page;
    }

    /// <summary>
    /// Another person at their own browser (their own cookies), not signed in: kept with this test's pages, as
    /// <see cref="OtherPersonAsync"/>'s are.
    /// </summary>
    protected async Task<IPage> OtherBrowserAsync(string who, ViewportSize viewport, string locale = "en-US")
    {
        var context = await NewContext(ContextOptions(viewport, locale));
        context.SetDefaultTimeout(30_000);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true, Sources = false });
        _people.Add((who, context));
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A FluentUI button by its text (a &lt;fluent-button&gt; web component: its role lives in its element internals, which
    /// Playwright's role queries do not read).
    /// </summary>
    protected ILocator Button(string text) => Page.Locator("fluent-button", new() { HasText = text });

    /// <summary>
    /// Waits until the page's form is interactive (it marks itself <c>data-interactive</c> once the circuit is up): text
    /// typed into the prerendered form before that is lost to the first interactive render. A page's forms are marked
    /// together (a session's enrolment and exam forms), so the first one marked says it for all.
    /// </summary>
    protected async Task WaitForInteractiveFormAsync()
    {
        await Assertions.Expect(Page.Locator("form[data-interactive=true]").First).ToBeVisibleAsync();
        await WaitForComponentsDefinedAsync();
    }

    /// <summary>
    /// Waits until the page is interactive (a page whose links lead back to itself with another query marks its heading
    /// <c>data-interactive</c> once the circuit is up; a click before that changes the address but not the page) and its
    /// buttons are defined.
    /// </summary>
    protected async Task WaitForInteractiveAsync()
    {
        await Assertions.Expect(Page.Locator("[data-interactive=true]").First).ToBeVisibleAsync();
        await WaitForComponentsDefinedAsync();
    }

    /// <summary>
    /// Every FluentUI element on the page is defined (its script has run): until then a text input has no inner
    /// &lt;input&gt; to fill. On a loaded machine the circuit can be up before the library's module is.
    /// </summary>
    private async Task WaitForComponentsDefinedAsync() =>
        await Page.WaitForFunctionAsync(
            "() => customElements.get('fluent-button') !== undefined && [...document.querySelectorAll(':not(:defined)')].every(e => !e.localName.startsWith('fluent-'))");

    /// <summary>
    /// Waits for <paramref name="expected"/> on <paramref name="page"/>; when it doesn't come, the failure says what the page
    /// showed instead (a field error, a message): a CI log is often all there is to read.
    /// </summary>
    protected static async Task ExpectVisibleAsync(IPage page, ILocator expected)
    {
        try
        {
            await Assertions.Expect(expected).ToBeVisibleAsync();
        }
        catch (PlaywrightException failure)
        {
            var shown = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            throw new InvalidOperationException($"Expected {expected} on {page.Url}; the page showed: {shown.ReplaceLineEndings(" | ")}", failure);
        }
    }

    /// <summary>
    /// Types <paramref name="text"/> into the FluentUI text field <paramref name="id"/> and leaves it, as a person does, once
    /// the field is whole: a text input that has just appeared renders a second time (it takes its label then, as the
    /// aria-label of its inner &lt;input&gt;), and that render clears what was typed before it (CI: a parcel handed over
    /// without the collector's name, "Required"). Should the field lose the text all the same, it is typed again.
    /// </summary>
    protected async Task FillFieldAsync(string id, string text, IPage? page = null)
    {
        var input = (page ?? Page).Locator($"#{id} input[aria-label]");
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            await input.FillAsync(text);
            await input.PressAsync("Tab");
            try
            {
                await Assertions.Expect(input).ToHaveValueAsync(text, new() { Timeout = 2_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < attempts)
            {
            }
        }
    }

    /// <summary>Types into a FluentUI text area (its &lt;textarea&gt; is in the component's shadow root) and leaves it, as a person does.</summary>
    protected async Task TypeIntoTextAreaAsync(string id, string text)
    {
        var area = Page.Locator($"#{id} textarea");
        await area.ClickAsync();
        await area.PressSequentiallyAsync(text);
        await area.PressAsync("Tab");
    }

    /// <summary>
    /// Picks a unit in a unit field (UnitPicker) as a person does: types the start of its number, then chooses
    /// "building – number" among reception's matches.
    /// </summary>
    protected async Task PickUnitAsync(string typed, string label, string id = "unitId")
    {
        var input = Page.Locator($"#{id} input");
        var option = Page.Locator("fluent-option", new() { HasTextRegex = new Regex($@"^\s*{Regex.Escape(label)}\s*$") });
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            // A field that has just appeared (a choice above it revealed it) can be rendered again by the server while the
            // first characters are typed, and lose them; a person looks, and types the number again.
            await input.ClickAsync();
            await input.FillAsync("");
            await input.PressSequentiallyAsync(typed);
            try
            {
                await option.ClickAsync(new() { Timeout = 10_000 });
                await CloseUnitOptionsAsync(input, id);
                return;
            }
            catch (TimeoutException) when (attempt < attempts)
            {
            }
            catch (TimeoutException failure)
            {
                var value = await input.InputValueAsync(new() { Timeout = 5_000 });
                var offered = await Page.Locator("fluent-option:visible").AllInnerTextsAsync();
                throw new InvalidOperationException(
                    $"'{label}' was not offered after typing '{typed}' {attempts} times; the field holds '{value}' and offers [{string.Join(", ", offered)}]", failure);
            }
        }
    }

    /// <summary>
    /// The unit's list of matches is closed once a unit is picked. A search answered after the pick (the autocomplete
    /// searches as the number is typed) can open it again over the form's buttons (CI: "Record the arrival" covered by
    /// another building's 1010); a person closes it with Escape, which keeps the unit picked.
    /// </summary>
    private async Task CloseUnitOptionsAsync(ILocator input, string id)
    {
        var options = Page.Locator($"fluent-popover-b[anchor-id='{id}'][opened='true']");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Assertions.Expect(options).ToHaveCountAsync(0, new() { Timeout = 2_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await input.PressAsync("Escape");
            }
        }
    }

    /// <summary>No serious or critical violation of axe-core's rules (axe is injected into the page: this test's, or another person's).</summary>
    protected async Task AssertAccessibleAsync(IPage? page = null)
    {
        page ??= Page;
        var serious = (await AxeCore.RunAsync(page, Ct)).Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Targets)}")
            .ToList();
        serious.Should().BeEmpty($"{page.Url} should have no serious accessibility violation");
    }

    /// <summary>A screenshot for the README (of this test's page, or another person's), under docs/screenshots of the repository.</summary>
    protected async Task SaveDocumentationScreenshotAsync(string name, IPage? page = null)
    {
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "PropertyPlatform.sln")))
        {
            repository = repository.Parent;
        }

        if (repository is not null)
        {
            await (page ?? Page).ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(repository.FullName, "docs", "screenshots", name), FullPage = true });
        }
    }

    public override async ValueTask DisposeAsync()
    {
        var test = TestContext.Current;
        var failed = test.TestState?.Result is TestResult.Failed;
        var name = string.Concat((test.Test?.TestDisplayName ?? "test").Split(Path.GetInvalidFileNameChars()));
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "playwright");
        foreach (var (who, context) in _people.Prepend(("", Context)))
        {
            var file = who.Length == 0 ? name : $"{name} ({who})";
            if (failed)
            {
                Directory.CreateDirectory(folder);
                foreach (var page in context.Pages)
                {
                    await SaveFailedPageAsync(page, Path.Combine(folder, file));
                }

                await context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(folder, $"{file}.zip") });
            }
            else
            {
                await context.Tracing.StopAsync();
            }
        }

        // Playwright's base closes every context of the test (this one and the other people's).
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// A failed page's screenshot and HTML, each given a short while: a page that hangs yields no screenshot, and what is
    /// still to be saved after it (its HTML, the trace, the other people's pages) must not be lost to that.
    /// </summary>
    private static async Task SaveFailedPageAsync(IPage page, string path)
    {
        var output = TestContext.Current.TestOutputHelper;
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"{path}.png", FullPage = true, Timeout = 10_000 });
        }
        catch (Exception failure) when (failure is PlaywrightException or TimeoutException)
        {
            output?.WriteLine($"No screenshot of {page.Url}: {failure.Message}");
        }

        try
        {
            await File.WriteAllTextAsync($"{path}.html", await page.ContentAsync().WaitAsync(TimeSpan.FromSeconds(10)), CancellationToken.None);
        }
        catch (Exception failure) when (failure is PlaywrightException or TimeoutException)
        {
            output?.WriteLine($"No HTML of {page.Url}: {failure.Message}");
        }
    }
}
