using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Controls;
using PropertyPlatform.Web.SignIn;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// A form sent after the session was lost is kept and put back once, for the same user on the same page. Each visit is
/// a circuit of its own (a bunit context) over the web server's one memory, which holds the sessions and the drafts;
/// the session is lost the way the web loses it: its ticket is gone from the session store.
/// </summary>
public sealed class FormDraftTests : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;
    private readonly MemoryDistributedCache _memory = new(Options.Create(new MemoryDistributedCacheOptions()));
    private readonly ServerTicketStore _sessions;
    private readonly NotesService _service = new();
    private readonly List<BunitContext> _visits = [];

    public FormDraftTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en");
        _sessions = new ServerTicketStore(_memory, Options.Create(new WebSettings()));
    }

    private async Task<ClaimsPrincipal> SignInAsync(string subject)
    {
        var properties = new AuthenticationProperties();
        properties.StoreTokens(
        [
            new AuthenticationToken { Name = "access_token", Value = $"{subject}-access" },
            new AuthenticationToken { Name = "expires_at", Value = DateTimeOffset.UtcNow.AddHours(1).ToString("o", CultureInfo.InvariantCulture) },
        ]);
        var ticket = new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(PlatformClaims.Subject, subject)], "test")), properties, "Cookies");
        await _sessions.StoreAsync(ticket);
        return ticket.Principal;
    }

    private Task LoseSessionAsync(ClaimsPrincipal user) => _sessions.RemoveAsync(user.FindFirstValue(ServerTicketStore.SessionClaim)!);

    /// <summary>The user opens the page in a new circuit, interactive as the console's forms are.</summary>
    private IRenderedComponent<NotePage> Open(ClaimsPrincipal user, string page = "/notes")
    {
        var visit = new BunitContext();
        _visits.Add(visit);
        visit.JSInterop.Mode = JSRuntimeMode.Loose;
        visit.Services.AddLocalization();
        visit.Services.AddLogging();
        visit.Services.AddFluentUIComponents();
        visit.Services.AddSingleton<IDistributedCache>(_memory);
        visit.Services.AddSingleton<ITicketStore>(_sessions);
        visit.Services.AddSingleton(Options.Create(new WebSettings()));
        visit.Services.AddSingleton(TimeProvider.System);
        visit.Services.AddSingleton<SessionTokens>();
        visit.Services.AddSingleton<FormDrafts>();
        visit.Services.AddSingleton(services => new GatewayClient(
            new HttpClient(new BearerTokenHandler(services.GetRequiredService<SessionTokens>()) { InnerHandler = _service })
            {
                BaseAddress = new Uri(GatewayClient.GatewayAddress),
            },
            services.GetRequiredService<AuthenticationStateProvider>()));
        var signedIn = visit.AddAuthorization();
        signedIn.SetAuthorized(user.FindFirstValue(PlatformClaims.Subject)!);
        signedIn.SetClaims([.. user.Claims]);
        visit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        visit.Services.GetRequiredService<NavigationManager>().NavigateTo(page);
        return visit.Render<NotePage>();
    }

    private static async Task TypeAndSendAsync(IRenderedComponent<NotePage> page, string note)
    {
        await page.Find("#note").ChangeAsync(new ChangeEventArgs { Value = note });
        await page.Find("form").SubmitAsync();
    }

    private static string Typed(IRenderedComponent<NotePage> page) => page.Find("#note").GetAttribute("value") ?? "";

    private static bool SaysKept(IRenderedComponent<NotePage> page) => page.FindAll("[data-testid=draft-restored]").Count > 0;

    [Fact]
    public async Task A_form_sent_after_the_session_was_lost_leads_to_sign_in_and_is_put_back_once_the_user_is_back_on_the_page()
    {
        var clerk = await SignInAsync("clerk-1");
        var before = Open(clerk);
        await LoseSessionAsync(clerk);

        await TypeAndSendAsync(before, "Leak under the sink");

        // Through the page's script, which goes to sign-in unless this page is being signed out (nav.js).
        _visits[0].JSInterop.VerifyInvoke("session.signInAgain").Arguments.Should().Equal("/signin?returnUrl=%2Fnotes");
        _service.Received.Should().BeEmpty();

        var back = Open(await SignInAsync("clerk-1"));
        Typed(back).Should().Be("Leak under the sink");
        SaysKept(back).Should().BeTrue();
        back.Markup.Should().Contain("What you typed was kept; check it and send again.");

        var again = Open(await SignInAsync("clerk-1"));
        Typed(again).Should().BeEmpty("a draft is put back once");
        SaysKept(again).Should().BeFalse();
    }

    [Fact]
    public async Task Another_user_signing_in_on_the_same_browser_does_not_get_the_draft()
    {
        var clerk = await SignInAsync("clerk-1");
        var before = Open(clerk);
        await LoseSessionAsync(clerk);
        await TypeAndSendAsync(before, "Resident Li Wei, 13800001234");

        var other = Open(await SignInAsync("clerk-2"));

        Typed(other).Should().BeEmpty();
        SaysKept(other).Should().BeFalse();
        Typed(Open(await SignInAsync("clerk-1"))).Should().Be("Resident Li Wei, 13800001234", "the draft stays its typist's");
    }

    [Fact]
    public async Task A_draft_belongs_to_its_page_and_the_record_its_address_names()
    {
        var clerk = await SignInAsync("clerk-1");
        var before = Open(clerk, "/notes?estate=north");
        await LoseSessionAsync(clerk);
        await TypeAndSendAsync(before, "For North's notes");

        Typed(Open(await SignInAsync("clerk-1"), "/other-notes?estate=north")).Should().BeEmpty();
        Typed(Open(await SignInAsync("clerk-1"), "/notes?estate=south")).Should().BeEmpty("South's form must not publish North's text");
        Typed(Open(await SignInAsync("clerk-1"), "/notes?estate=north")).Should().Be("For North's notes");
    }

    [Fact]
    public async Task Once_the_restored_form_is_sent_nothing_is_kept_and_the_message_goes()
    {
        var clerk = await SignInAsync("clerk-1");
        var before = Open(clerk);
        await LoseSessionAsync(clerk);
        await TypeAndSendAsync(before, "Lift stuck");
        var back = Open(await SignInAsync("clerk-1"));

        await back.Find("form").SubmitAsync();

        back.Find("#sent").TextContent.Should().Be("Sent");
        _service.Received.Should().Equal("Lift stuck");
        SaysKept(back).Should().BeFalse("the form has gone through");
        Typed(Open(await SignInAsync("clerk-1"))).Should().BeEmpty();
    }

    [Fact]
    public async Task A_form_nobody_typed_in_is_not_kept()
    {
        var clerk = await SignInAsync("clerk-1");
        var before = Open(clerk);
        await LoseSessionAsync(clerk);

        await before.Find("form").SubmitAsync();

        SaysKept(Open(await SignInAsync("clerk-1"))).Should().BeFalse();
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = _culture;
        foreach (var visit in _visits)
        {
            visit.Dispose();
        }

        _service.Dispose();
    }

    /// <summary>The service behind the gateway: records each note posted with a token and answers it back.</summary>
    private sealed class NotesService : HttpMessageHandler
    {
        public List<string?> Received { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization.Should().NotBeNull();
            var note = await request.Content!.ReadFromJsonAsync<NotePage.NoteForm>(GatewayClient.Json, cancellationToken);
            Received.Add(note!.Note);
            return new HttpResponseMessage(HttpStatusCode.Created) { Content = JsonContent.Create(note, options: GatewayClient.Json) };
        }
    }
}
