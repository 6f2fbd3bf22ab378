using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Controls;
using PropertyPlatform.Web.Components.Pages.Desk.Owners;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// The front desk's owner roster: the clerk registers an owner for a unit and hands them the one-time code that opens
/// their app account, shown once with its expiry on the estate's clock; identity's refusals are said plainly.
/// </summary>
public sealed class OwnerRosterPageTests : GatewayPageTest
{
    private static readonly Guid Estate = Guid.NewGuid();
    private static readonly UnitView Unit1503 = new(Guid.NewGuid(), Estate, Guid.NewGuid(), "A", "1503", 15);
    private static readonly OwnerView ChenJing = new(Guid.NewGuid(), Estate, "Chen Jing", "13812341234", "1101**********1234", [Unit1503.Id], DateTimeOffset.UtcNow.AddDays(-3));

    // 02:30 UTC is 10:30 in Shanghai: the expiry is shown on the estate's clock, not the server's.
    private static readonly DateTimeOffset ExpiresAt = new(2026, 12, 11, 2, 30, 0, TimeSpan.Zero);
    private HttpStatusCode _identityAnswers = HttpStatusCode.OK;
    private readonly List<OwnerView> _roster = [ChenJing];

    public OwnerRosterPageTests() => User.SetAuthorized("clerk.north");

    private IRenderedComponent<OwnerRoster> Render()
    {
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"desk/owners?estate={Estate}");
        return Context.Render<OwnerRoster>();
    }

    [Fact]
    public async Task The_clerk_issues_an_owners_activation_code_and_sees_it_once_with_its_expiry_on_the_estates_clock()
    {
        var page = Render();
        page.WaitForAssertion(() => page.Find($"tr[data-owner-id='{ChenJing.Id}']").TextContent.Should().Contain("Chen Jing").And.Contain("A – 1503"));

        await page.Find($"tr[data-owner-id='{ChenJing.Id}'] fluent-button").ClickAsync(new());

        Asked.Should().Contain($"/api/identity/owners/{ChenJing.Id}/activation-code");
        page.WaitForAssertion(() => page.Find("[data-testid=activation-code]").TextContent.Should().Be("K7QM-4XPD"));
        page.Find("[data-testid=activation]").TextContent.Should().Contain("Chen Jing");
        page.Find("[data-testid=activation-expires]").TextContent.Should().Contain("12/11/2026 10:30");
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict, "Chen Jing has already activated their app account")]
    [InlineData(HttpStatusCode.NotFound, "still being opened")]
    public async Task An_account_already_active_or_not_yet_opened_is_said_plainly_and_no_code_is_shown(HttpStatusCode answer, string said)
    {
        _identityAnswers = answer;
        var page = Render();
        page.WaitForElement($"tr[data-owner-id='{ChenJing.Id}']");

        await page.Find($"tr[data-owner-id='{ChenJing.Id}'] fluent-button").ClickAsync(new());

        page.WaitForAssertion(() => page.Markup.Should().Contain(said));
        page.FindAll("[data-testid=activation-code]").Should().BeEmpty();
    }

    [Fact]
    public async Task The_clerk_registers_an_owner_for_a_unit_and_the_roster_shows_that_units_owners()
    {
        var page = Render();
        page.WaitForElement("form[data-interactive=true]");

        await page.Find("#fullName").ChangeAsync(new ChangeEventArgs { Value = "Li Wei" });
        await page.Find("#phone").ChangeAsync(new ChangeEventArgs { Value = "13900001111" });
        await page.Find("#idNumber").ChangeAsync(new ChangeEventArgs { Value = "110101199001011234" });
        var unitField = page.FindComponents<UnitPicker>().Single(p => p.Instance.Id == "unitId");
        await unitField.InvokeAsync(() => unitField.Instance.ValueChanged.InvokeAsync(Unit1503.Id.ToString()));
        await page.Find("form").SubmitAsync();

        JsonSerializer.Deserialize<RegisterOwnerBody>(Sent.Single(), GatewayClient.Json).Should().BeEquivalentTo(
            new RegisterOwnerBody(Estate, "Li Wei", "13900001111", "110101199001011234", [Unit1503.Id]));
        page.WaitForAssertion(() => page.Find("[data-testid=owner-done]").TextContent.Should().Contain("Li Wei is on the roster"));
        Asked.Should().Contain($"/api/reception/owners?estateId={Estate}&limit=50&unitId={Unit1503.Id}");
        page.Find("[data-testid=owners]").TextContent.Should().Contain("Li Wei");
        page.Find("#fullName").GetAttribute("value").Should().BeNullOrEmpty("the form is cleared for the next owner");
    }

    [Fact]
    public async Task Receptions_error_about_the_phone_shows_under_the_phone_field_and_the_form_keeps_what_was_typed()
    {
        var page = Render();
        page.WaitForElement("form[data-interactive=true]");

        await page.Find("#fullName").ChangeAsync(new ChangeEventArgs { Value = "Li Wei" });
        await page.Find("#phone").ChangeAsync(new ChangeEventArgs { Value = "12" });
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => page.Find("#phone-field").TextContent.Should().Contain("Not a mobile phone number."));
        page.Find("#fullName").GetAttribute("value").Should().Be("Li Wei");
        page.FindAll("[data-testid=owner-done]").Should().BeEmpty();
    }

    protected override object? Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        var query = request.RequestUri.Query;
        if (request.Method == HttpMethod.Post && path == "/api/reception/owners")
        {
            var body = JsonSerializer.Deserialize<RegisterOwnerBody>(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult(), GatewayClient.Json)!;
            if (body.Phone is not { Length: 11 })
            {
                return FieldProblem("phone", "Not a mobile phone number.", "Bad input");
            }

            var registered = new OwnerView(Guid.NewGuid(), Estate, body.FullName!, body.Phone, "1101**********1234", body.UnitIds, DateTimeOffset.UtcNow);
            _roster.Insert(0, registered);
            return registered;
        }

        if (request.Method == HttpMethod.Post && path == $"/api/identity/owners/{ChenJing.Id}/activation-code")
        {
            return _identityAnswers == HttpStatusCode.OK
                ? new ActivationCodeView(ChenJing.Id, "K7QM-4XPD", ExpiresAt)
                : new HttpResponseMessage(_identityAnswers)
                {
                    Content = JsonContent.Create(new { title = "Conflict", detail = "The owner account is not waiting for activation." },
                        new MediaTypeHeaderValue("application/problem+json")),
                };
        }

        return path switch
        {
            "/api/reception/owners" => new PageOf<OwnerView>(
                [.. _roster.Where(o => !query.Contains("unitId=", StringComparison.Ordinal) || o.UnitIds.Any(u => query.Contains(u.ToString(), StringComparison.Ordinal)))], null),
            "/api/reception/units" => new PageOf<UnitView>([Unit1503], null),
            var p when p == $"/api/reception/estates/{Estate}" => new EstateView(Estate, "North Garden", "Asia/Shanghai"),
            _ => null,
        };
    }
}
