using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.SecurityGate.Tests.Security;

public sealed class AccessTests(SecurityGateService gate)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_endpoint_refuses_a_caller_without_a_token()
    {
        var calls = EndpointSweep.Enumerate(gate.Services)
            .Where(c => !EndpointSweep.PublicPrefixes.Any(p => c.Path.StartsWith(p, StringComparison.Ordinal)))
            .ToList();

        calls.Should().Contain(c => c.Path.StartsWith("/api/security-gate/visits", StringComparison.Ordinal))
            .And.Contain(c => c.Path.StartsWith("/api/security-gate/passes", StringComparison.Ordinal))
            .And.Contain(c => c.Path.StartsWith("/api/security-gate/vehicles", StringComparison.Ordinal))
            .And.Contain(c => c.Path.StartsWith("/api/security-gate/parking", StringComparison.Ordinal));
        (await EndpointSweep.AnsweredWithoutTokenAsync(gate.CreateClient(), calls, Ct)).Should().BeEmpty();
    }
}
