using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.HrTraining.Tests.Security;

public sealed class AccessTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_endpoint_refuses_a_caller_without_a_token()
    {
        var calls = EndpointSweep.Enumerate(hr.Services)
            .Where(c => !EndpointSweep.PublicPrefixes.Any(p => c.Path.StartsWith(p, StringComparison.Ordinal)))
            .ToList();

        calls.Should().Contain(c => c.Path.StartsWith("/api/hr-training/staff", StringComparison.Ordinal))
            .And.Contain(c => c.Path.StartsWith("/api/hr-training/certifications", StringComparison.Ordinal))
            .And.Contain(c => c.Path.StartsWith("/api/hr-training/rosters", StringComparison.Ordinal))
            .And.Contain(c => c.Path.StartsWith("/api/hr-training/attendance", StringComparison.Ordinal))
            .And.Contain(c => c.Path.StartsWith("/api/hr-training/appraisal", StringComparison.Ordinal))
            .And.Contain(c => c.Path.StartsWith("/api/hr-training/training", StringComparison.Ordinal))
            .And.Contain(c => c.Path.StartsWith("/api/hr-training/discipline", StringComparison.Ordinal));
        (await EndpointSweep.AnsweredWithoutTokenAsync(hr.CreateClient(), calls, Ct)).Should().BeEmpty();
    }
}
