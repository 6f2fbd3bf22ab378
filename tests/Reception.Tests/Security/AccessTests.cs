using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Security;

/// <summary>Who may do what at reception: tokens, roles, estates, owners' units, masking and the audit trail.</summary>
public sealed class AccessTests(ReceptionService reception) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Guid _estateA;
    private Guid _estateB;
    private Guid[] _unitsA = [];
    private Guid[] _unitsB = [];

    public async ValueTask InitializeAsync()
    {
        (_estateA, _unitsA) = await reception.NewEstateAsync(units: 3);
        (_estateB, _unitsB) = await reception.NewEstateAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static object Repair(Guid estateId, Guid? unitId, string phone = "13812345678") => new
    {
        estateId,
        unitId,
        channel = "app",
        category = "repair",
        description = "Water dripping from the bathroom ceiling",
        requesterName = "Li Wei",
        requesterPhone = phone,
    };

    private async Task<RequestResponse> RecordAsync(TestCaller caller, Guid estateId, Guid? unitId = null)
    {
        var response = await reception.CreateClient(caller).PostAsJsonAsync("/api/reception/requests", Repair(estateId, unitId ?? (estateId == _estateA ? _unitsA[0] : _unitsB[0])), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
    }

    private HttpClient WithToken(string token)
    {
        var client = reception.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Every_endpoint_refuses_a_caller_without_a_token()
    {
        var calls = EndpointSweep.Enumerate(reception.Services)
            .Where(c => !EndpointSweep.PublicPrefixes.Any(p => c.Path.StartsWith(p, StringComparison.Ordinal)))
            .ToList();

        calls.Should().Contain(c => c.Path.StartsWith("/api/reception/requests", StringComparison.Ordinal));
        calls.Should().Contain(c => c.Path.StartsWith("/reception.registry.v1.PropertyRegistry/", StringComparison.Ordinal));
        (await EndpointSweep.AnsweredWithoutTokenAsync(reception.CreateClient(), calls, Ct)).Should().BeEmpty();
    }

    public static TheoryData<string> BadTokens => ["expired", "wrong-audience", "wrong-signature", "tampered-estate", "identity-token", "wrong-issuer"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_is_not_a_valid_reception_access_token_is_refused(string kind)
    {
        var clerk = TestCaller.Clerk(_estateA);
        var token = kind switch
        {
            "expired" => TestTokens.Create(clerk, PlatformAudiences.Reception, lifetime: TimeSpan.FromMinutes(15), issuedAt: DateTimeOffset.UtcNow.AddHours(-1)),
            "wrong-audience" => TestTokens.Create(clerk, PlatformAudiences.Billing),
            "wrong-signature" => TestTokens.Create(clerk, PlatformAudiences.Reception, signingKey: TestTokens.ForeignKey()),
            "tampered-estate" => TestTokens.Tamper(TestTokens.Create(clerk, PlatformAudiences.Reception), _estateA.ToString(), _estateB.ToString()),
            "identity-token" => TestTokens.Create(clerk, PlatformAudiences.Reception, tokenType: "JWT"),
            _ => TestTokens.Create(clerk, PlatformAudiences.Reception, issuer: "https://someone-else.test/"),
        };

        var response = await WithToken(token).GetAsync($"/api/reception/requests?estateId={_estateA}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_clerk_of_estate_A_sees_nothing_of_estate_B_and_cannot_write_into_it()
    {
        var requestOfB = await RecordAsync(TestCaller.Clerk(_estateB), _estateB);
        var clerkOfA = reception.CreateClient(TestCaller.Clerk(_estateA));

        (await clerkOfA.GetAsync($"/api/reception/requests/{requestOfB.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var list = await clerkOfA.GetFromJsonAsync<Page<RequestResponse>>($"/api/reception/requests?estateId={_estateB}", ApiJson.Options, Ct);
        list!.Items.Should().BeEmpty();
        var everything = await clerkOfA.GetFromJsonAsync<Page<RequestResponse>>("/api/reception/requests?limit=100", ApiJson.Options, Ct);
        everything!.Items.Should().NotContain(r => r.EstateId != _estateA);

        var write = await clerkOfA.PostAsJsonAsync("/api/reception/requests", Repair(_estateB, Guid.NewGuid()), Ct);
        write.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        write.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var stored = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Requests.CountAsync(r => r.EstateId == _estateB, Ct));
        stored.Should().Be(1, "the refused write stored nothing");
    }

    [Fact]
    public async Task A_group_admin_sees_every_estate()
    {
        var requestOfB = await RecordAsync(TestCaller.Clerk(_estateB), _estateB);

        var response = await reception.CreateClient(TestCaller.GroupAdmin()).GetAsync($"/api/reception/requests/{requestOfB.Id}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_owner_sees_only_the_requests_about_their_own_units()
    {
        var unitX = _unitsA[1];
        var unitY = _unitsA[2];
        var clerk = TestCaller.Clerk(_estateA);
        var aboutX = await RecordAsync(clerk, _estateA, unitX);
        var aboutY = await RecordAsync(clerk, _estateA, unitY);
        var ownerX = reception.CreateClient(TestCaller.Owner(_estateA, unitX));

        var list = await ownerX.GetFromJsonAsync<Page<RequestResponse>>($"/api/reception/requests?estateId={_estateA}", ApiJson.Options, Ct);
        list!.Items.Select(r => r.Id).Should().Equal(aboutX.Id);
        (await ownerX.GetAsync($"/api/reception/requests/{aboutY.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_owner_reports_through_the_app_for_their_own_unit_only()
    {
        var unitX = _unitsA[1];
        var ownerX = reception.CreateClient(TestCaller.Owner(_estateA, unitX));

        (await ownerX.PostAsJsonAsync("/api/reception/requests", Repair(_estateA, unitX), Ct)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await ownerX.PostAsJsonAsync("/api/reception/requests", Repair(_estateA, Guid.NewGuid()), Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ownerX.PostAsJsonAsync("/api/reception/requests", Repair(_estateA, null), Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_technician_may_read_requests_but_not_record_them()
    {
        var technician = reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, _estateA));

        (await technician.PostAsJsonAsync("/api/reception/requests", Repair(_estateA, Guid.NewGuid()), Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await technician.GetAsync($"/api/reception/requests?estateId={_estateA}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Phone_numbers_are_masked_in_lists_for_roles_that_do_not_call_back()
    {
        await RecordAsync(TestCaller.Clerk(_estateA), _estateA);

        var asTechnician = await reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, _estateA))
            .GetFromJsonAsync<Page<RequestResponse>>($"/api/reception/requests?estateId={_estateA}", ApiJson.Options, Ct);
        var asClerk = await reception.CreateClient(TestCaller.Clerk(_estateA))
            .GetFromJsonAsync<Page<RequestResponse>>($"/api/reception/requests?estateId={_estateA}", ApiJson.Options, Ct);

        asTechnician!.Items.Single().RequesterPhone.Should().Be("138****5678");
        asClerk!.Items.Single().RequesterPhone.Should().Be("13812345678");
    }

    [Fact]
    public async Task Every_change_is_audited_and_only_the_estate_manager_reads_the_trail()
    {
        var clerk = TestCaller.Clerk(_estateA);
        var correlationId = Guid.NewGuid();
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/reception/requests") { Content = JsonContent.Create(Repair(_estateA, _unitsA[0])) };
        message.Headers.Add(CorrelationContext.HeaderName, correlationId.ToString());
        var created = await (await reception.CreateClient(clerk).SendAsync(message, Ct)).Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct);

        var trail = await reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, _estateA))
            .GetFromJsonAsync<Page<AuditEntryResponse>>($"/api/reception/audit?estateId={_estateA}", ApiJson.Options, Ct);
        var entry = trail!.Items.Should().ContainSingle(e => e.EntityId == created!.Id.ToString() && e.EntityType == "CustomerRequest").Which;
        trail.Items.Should().ContainSingle(e => e.EntityId == created!.Id.ToString() && e.EntityType == "CustomerRequest.Feedback",
            "a deadline kept inside the request is audited as part of it, in its estate");
        entry.Actor.Should().Be(clerk.Subject);
        entry.Action.Should().Be(AuditAction.Created);
        entry.CorrelationId.Should().Be(correlationId);
        entry.Operation.Should().Be("POST /api/reception/requests");
        using var changes = JsonDocument.Parse(entry.Changes);
        changes.RootElement.GetProperty("Description").GetString().Should().Be("Water dripping from the bathroom ceiling");
        changes.RootElement.GetProperty("RequesterPhone").GetString().Should().Be("***", "personal data never enters the trail");

        var otherManager = await reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, _estateB))
            .GetFromJsonAsync<Page<AuditEntryResponse>>($"/api/reception/audit?estateId={_estateA}", ApiJson.Options, Ct);
        otherManager!.Items.Should().BeEmpty();
        (await reception.CreateClient(clerk).GetAsync("/api/reception/audit", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
