using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Billing.Tests.Security;

public sealed class AccessTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_endpoint_refuses_a_caller_without_a_token()
    {
        // The development provider's checkout page is the provider's, open to a payer without a token by design
        // (ProviderPaymentsTests covers it); only Development and Testing map it.
        var calls = EndpointSweep.Enumerate(billing.Services)
            .Where(c => !EndpointSweep.PublicPrefixes.Any(p => c.Path.StartsWith(p, StringComparison.Ordinal)))
            .Where(c => !c.Path.StartsWith(DevelopmentCheckout.PathPrefix, StringComparison.Ordinal))
            .ToList();

        calls.Should().Contain(c => c.Path.StartsWith("/api/billing/rates", StringComparison.Ordinal))
            .And.Contain(c => c.Path.StartsWith("/api/billing/runs", StringComparison.Ordinal))
            .And.Contain(c => c.Path.StartsWith("/api/billing/payments", StringComparison.Ordinal))
            .And.Contain(c => c.Path.StartsWith("/api/billing/units", StringComparison.Ordinal));
        (await EndpointSweep.AnsweredWithoutTokenAsync(billing.CreateClient(), calls, Ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_front_desk_clerk_cannot_take_payments()
    {
        var estateId = await billing.NewEstateAsync();
        var clerk = billing.CreateClient(TestCaller.Clerk(estateId));

        var response = await clerk.PostAsync("/api/billing/payments/counter", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
    }
}
